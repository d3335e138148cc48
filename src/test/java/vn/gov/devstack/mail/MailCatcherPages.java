package vn.gov.devstack.mail;

import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The mail catcher's inbox in the browser, on the e-ID provider's server: {@code /mail} lists what arrived (newest
 * first), {@code /mail/N} shows one mail's text. Open to anyone who reaches 127.0.0.1, as the whole dev stack is.
 * Like {@code SimulatedVnpay}, not {@code @Configuration} (lite-mode beans); {@code EidProvider} adds it to its context
 * together with the {@link MailCatcher} bean.
 */
public class MailCatcherPages {

    @Bean
    @Order(0)
    SecurityFilterChain mailInboxSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/mail", "/mail/**").authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    RouterFunction<ServerResponse> mailInboxRoutes(MailCatcher catcher) {
        return RouterFunctions.route()
                .GET("/mail", request -> {
                    List<MailCatcher.Mail> mails = new java.util.ArrayList<>(catcher.received());
                    java.util.Collections.reverse(mails);
                    return ServerResponse.ok().render("mail-inbox", Map.of("mails", mails, "port", catcher.port(),
                            "running", catcher.isRunning()));
                })
                .GET("/mail/{number}", request -> one(catcher, request))
                .build();
    }

    private static ServerResponse one(MailCatcher catcher, ServerRequest request) {
        List<MailCatcher.Mail> mails = catcher.received();
        String number = request.pathVariable("number");
        if (!number.matches("\\d{1,9}") || Integer.parseInt(number) < 1 || Integer.parseInt(number) > mails.size()) {
            return ServerResponse.status(HttpStatus.NOT_FOUND).render("mail-inbox", Map.of("mails", List.of(),
                    "port", catcher.port(), "running", catcher.isRunning(), "missing", true));
        }
        return ServerResponse.ok().render("mail-message", Map.of("mail", mails.get(Integer.parseInt(number) - 1)));
    }
}
