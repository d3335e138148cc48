package vn.gov.portal.web;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** Spring Boot's stack trace (%wEx), masked like the message: exception texts may quote an ID number or a token. */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return MaskedMessageConverter.mask(super.throwableProxyToString(proxy));
    }
}
