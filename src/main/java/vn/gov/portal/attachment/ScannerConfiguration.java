package vn.gov.portal.attachment;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ClamAV when PORTAL_CLAMAV_HOST is set (docs/operations.md); otherwise files are accepted unscanned, with a warning. */
@Configuration
class ScannerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScannerConfiguration.class);

    @Bean
    VirusScanner virusScanner(@Value("${portal.attachments.clamav.host:}") String host,
                              @Value("${portal.attachments.clamav.port:3310}") int port,
                              @Value("${portal.attachments.clamav.timeout:30s}") Duration timeout) {
        if (host.isBlank()) {
            log.warn("No ClamAV daemon configured (PORTAL_CLAMAV_HOST): attachments are stored WITHOUT a virus scan");
            return new AcceptingVirusScanner();
        }
        log.info("Attachments are scanned by clamd at {}:{}", host, port);
        return new ClamdVirusScanner(host, port, timeout);
    }
}
