package vn.gov.portal.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration
public class SecurityConfig {

    /**
     * Where forms may lead besides the portal itself: logout redirects to the identity provider's end-session page.
     * Production providers are on https; the dev run adds its loopback provider.
     */
    private final String formTargets;

    private final SessionLifetime sessionLifetime;

    SecurityConfig(@Value("${portal.security.form-targets:https:}") String formTargets, java.time.Clock clock,
                   @Value("${portal.session.absolute-timeout:PT12H}") java.time.Duration absoluteTimeout) {
        this.formTargets = formTargets;
        this.sessionLifetime = new SessionLifetime(clock, absoluteTimeout);
    }

    /**
     * The access and refresh tokens a login brings are kept nowhere: the portal calls no API on the person's behalf,
     * and logging out needs only the ID token, which the login's principal holds. Spring Boot's default kept them in
     * the instance's memory per user, for good (a map that grew with every person who ever logged in); in the stored
     * session they were 5.7 KB that every request read back from PostgreSQL (docs/performance.md, "Eleventh round").
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new OAuth2AuthorizedClientRepository() {
            @Override
            public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
                                                                             HttpServletRequest request) {
                return null;
            }

            @Override
            public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                                             HttpServletRequest request, HttpServletResponse response) {
            }

            @Override
            public void removeAuthorizedClient(String registrationId, Authentication principal,
                                               HttpServletRequest request, HttpServletResponse response) {
            }
        };
    }

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, PortalUserService users,
                                       ClientRegistrationRepository registrations) throws Exception {
        // PKCE on top of the client secret: a stolen authorization code is useless without the verifier.
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");

        // Officers and admins log in with the staff identity provider, everyone else with VNeID.
        RequestMatcher officerArea = request -> request.getRequestURI().startsWith(request.getContextPath() + "/officer")
                || request.getRequestURI().startsWith(request.getContextPath() + "/admin");
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/procedures", "/procedures/*", "/login", "/css/**", "/js/**",
                                "/favicon.ico", "/error", "/actuator/health", "/actuator/health/**").permitAll()
                        // the public service index and the chart library it draws with
                        .requestMatchers("/statistics", "/statistics.csv", "/webjars/**").permitAll()
                        // anyone holding a document checks its code and file (the upload is a POST with CSRF)
                        .requestMatchers("/verify", "/verify/*").permitAll()
                        .requestMatchers("/procedures/*/apply", "/procedures/*/apply/**", "/my/**").hasRole("CITIZEN")
                        // the citizen's browser back from the payment gateway (its result is checked by signature)
                        .requestMatchers("/payments/return").hasRole("CITIZEN")
                        // the payment gateway's own server-to-server notification (VNPAY IPN): no login, a GET (no
                        // CSRF token to carry), trusted only for its signature; this one path, nothing else
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/payments/vnpay/ipn").permitAll()
                        .requestMatchers("/officer/**").hasRole("STAFF")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/login")
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver))
                        .userInfoEndpoint(u -> u.oidcUserService(users))
                        .failureUrl("/login?error"))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/staff"), officerArea)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/vneid"), request -> true))
                .logout(l -> l.logoutSuccessHandler(logout))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .addFilterAfter(sessionLifetime, org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "form-action 'self' " + formTargets + "; frame-ancestors 'none'; base-uri 'self'"))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
