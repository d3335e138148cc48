package vn.gov.portal.web;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * The log message with personal ID numbers and credentials masked (logback-spring.xml puts it in place of %m, %msg
 * and %message). Logs are read by operators and kept by log shippers: a 12-digit number keeps its first 3 digits
 * (the province of birth) and last 2, enough to tell two people apart in an incident; tokens, secrets and
 * signatures are cut off entirely.
 */
public class MaskedMessageConverter extends MessageConverter {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<!\\d)(\\d{3})\\d{7}(\\d{2})(?!\\d)");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)(bearer\\s+|(?:access_token|id_token|refresh_token|token|secret|password|code_verifier|vnp_SecureHash)"
                    + "[\"']?\\s*[=:]\\s*[\"']?)[^\\s&,;\"']+");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    public static String mask(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String masked = ID_NUMBER.matcher(message).replaceAll("$1*******$2");
        return CREDENTIAL.matcher(masked).replaceAll("$1***");
    }
}
