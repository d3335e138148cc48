package vn.gov.devstack.eid;

import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The provider's Spring context. Deliberately not annotated {@code @Configuration} (and without {@code @Controller}s):
 * the bean methods run in "lite" mode, so even a component scan over {@code vn.gov.devstack} cannot pull the
 * provider into another application context. {@link EidProvider} passes this class as the primary source.
 */
@EnableAutoConfiguration(exclude = {
        // The portal's infrastructure, on the same classpath, is not the provider's business:
        FlywayAutoConfiguration.class,              // the portal migrates its own schema
        SessionAutoConfiguration.class,             // provider sessions stay in memory (one dev instance)
        JdbcSessionAutoConfiguration.class,
        OAuth2ClientAutoConfiguration.class,        // the provider is not a client
        OAuth2ClientWebSecurityAutoConfiguration.class })
public class EidProviderConfiguration {

    static final String CITIZEN_CLIENT = "portal-citizen";
    static final String STAFF_CLIENT = "portal-staff";

    /** The user claims copied from the ID token to the userinfo response (not iss, aud, nonce, sid …). */
    private static final Set<String> USER_CLAIMS =
            Set.of("sub", "personal_id", "name", "birthdate", "eid_level", "acr", "preferred_username", "staff");

    /** Protocol endpoints: authorize, token, JWKS, discovery, userinfo and RP-initiated logout. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.authorizationEndpoint(authorize -> authorize
                                    .authenticationProviders(EidProviderConfiguration::refuseWrongKindOfAccount))
                            .oidc(oidc -> oidc
                                    .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(EidProviderConfiguration::userInfo))
                                    .logoutEndpoint(logout -> logout
                                            .authenticationProviders(EidProviderConfiguration::allowLoopbackPostLogoutRedirects)));
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // userinfo is called with the access token
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), htmlRequests()));
        return http.build();
    }

    /** Everything else: the login page. */
    @Bean
    @Order(2)
    SecurityFilterChain loginPage(HttpSecurity http, FailedLogins failedLogins) throws Exception {
        var toSavedRequest = new org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler();
        var toLoginPage = new org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler("/login?error");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((request, response, authentication) -> {
                            failedLogins.succeeded(authentication.getName());
                            toSavedRequest.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            if (exception instanceof org.springframework.security.authentication.BadCredentialsException) {
                                failedLogins.failed(request.getParameter("username"));
                            }
                            toLoginPage.onAuthenticationFailure(request, response, exception);
                        }));
        return http.build();
    }

    /** The login page is a functional route (not a {@code @Controller}, see the class comment). */
    @Bean
    RouterFunction<ServerResponse> loginPageRoute() {
        return RouterFunctions.route()
                .GET("/login", request -> {
                    CsrfToken csrf = (CsrfToken) request.servletRequest().getAttribute(CsrfToken.class.getName());
                    return ServerResponse.ok().render("login", Map.of(
                            "csrf", csrf,
                            "failed", request.param("error").isPresent(),
                            "loggedOut", request.param("logout").isPresent()));
                })
                .build();
    }

    @Bean
    KeySetRequests keySetRequests() {
        return new KeySetRequests();
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<KeySetRequests> keySetRequestCount(KeySetRequests requests) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(requests);
        registration.addUrlPatterns(KeySetRequests.PATH);
        // Before the security filters: the authorization server's own filter answers the request, ending the chain.
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FailedLogins failedLogins() {
        return new FailedLogins(java.time.Clock.systemUTC());
    }

    @Bean
    EidUsers eidUsers(JdbcClient jdbc, FailedLogins failedLogins) {
        EidUsers users = new EidUsers(jdbc, failedLogins);
        users.createSchemaIfMissing();
        return users;
    }

    /**
     * Authorizations in memory, one caller at a time: Spring's InMemoryOAuth2AuthorizationService iterates a plain
     * map while other logins change it, and the benchmark's concurrent logins failed on its
     * ConcurrentModificationException (docs/performance.md, scenario 6).
     */
    @Bean
    OAuth2AuthorizationService authorizations() {
        var memory = new InMemoryOAuth2AuthorizationService();
        return new OAuth2AuthorizationService() {
            @Override
            public synchronized void save(OAuth2Authorization a) {
                memory.save(a);
            }

            @Override
            public synchronized void remove(OAuth2Authorization a) {
                memory.remove(a);
            }

            @Override
            public synchronized OAuth2Authorization findById(String id) {
                return memory.findById(id);
            }

            @Override
            public synchronized OAuth2Authorization findByToken(
                    String token, OAuth2TokenType type) {
                return memory.findByToken(token, type);
            }
        };
    }

    @Bean
    RegisteredClientRepository registeredClients() {
        return new InMemoryRegisteredClientRepository(
                portalClient(CITIZEN_CLIENT, "dev-citizen-secret", "http://127.0.0.1:8080/login/oauth2/code/vneid"),
                portalClient(STAFF_CLIENT, "dev-staff-secret", "http://127.0.0.1:8080/login/oauth2/code/staff"));
    }

    /**
     * A confidential client of the portal. The redirect URIs are on the loopback IP, so the authorization server
     * accepts them on any port (RFC 8252 section 7.3) and the portal can run on a random port in tests.
     */
    private static RegisteredClient portalClient(String clientId, String secret, String redirectUri) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(redirectUri)
                .postLogoutRedirectUri("http://127.0.0.1:8080/")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)   // no consent screen
                        .requireProofKey(false)               // PKCE allowed, not required
                        .build())
                .build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${eid.issuer}") String issuer) {
        return AuthorizationServerSettings.builder().issuer(issuer).build();
    }

    /**
     * A fresh RSA signing key for every start, generated from the start on a thread of its own (0.5–1 s of prime
     * search at the dev run's C1-only JIT, which would otherwise hold up the provider's start).
     */
    record SigningKey(CompletableFuture<KeyPair> keys) {

        static SigningKey generateBeside() {
            return new SigningKey(CompletableFuture.supplyAsync(() -> {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    return generator.generateKeyPair();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    /** Clients fetch the signing key from the JWKS endpoint. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKey signingKey) {
        KeyPair keys = signingKey.keys().join();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                .privateKey((RSAPrivateKey) keys.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /** Puts the person's (or officer's) claims into the ID token; userinfo copies them from there. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(EidUsers users) {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                claimsFor(users, context.getRegisteredClient().getClientId(), context.getPrincipal().getName())
                        .forEach(context.getClaims()::claim);
            }
        };
    }

    /**
     * The claims of the contract with the portal. Throws (so no token is issued) when the account does not fit the
     * client — the second line behind {@link #refuseWrongKindOfAccount}, e.g. when a person died since login.
     */
    static Map<String, Object> claimsFor(EidUsers users, String clientId, String username) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (CITIZEN_CLIENT.equals(clientId)) {
            EidUsers.Citizen citizen = users.findCitizen(username).orElseThrow(EidProviderConfiguration::accessDenied);
            int level = users.levelOf(citizen.idNumber());
            claims.put("sub", citizen.idNumber());
            claims.put("personal_id", citizen.idNumber());
            claims.put("name", citizen.fullName());
            claims.put("birthdate", citizen.birthDate().toString());   // ISO yyyy-MM-dd, as OIDC wants
            claims.put("eid_level", level);
            claims.put("acr", "vneid:level" + level);
        } else {
            EidUsers.Staff staff = users.findStaff(username).orElseThrow(EidProviderConfiguration::accessDenied);
            claims.put("sub", staff.username());
            claims.put("preferred_username", staff.username());
            claims.put("name", staff.fullName());
            claims.put("staff", true);
        }
        return claims;
    }

    private static OAuth2AuthenticationException accessDenied() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                "This account cannot log in to this client", null));
    }

    /**
     * Citizens may only log in through portal-citizen and staff only through portal-staff. Checked at the
     * authorization endpoint once the user has logged in, so the portal receives a standard
     * {@code error=access_denied} at its redirect URI and no code is ever issued.
     */
    private static void refuseWrongKindOfAccount(List<AuthenticationProvider> providers) {
        for (AuthenticationProvider provider : providers) {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider authorize) {
                authorize.setAuthenticationValidator(new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                        .andThen(EidProviderConfiguration::requireAccountKindOfClient));
            }
        }
    }

    private static void requireAccountKindOfClient(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!(request.getPrincipal() instanceof Authentication user)
                || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            return;   // not logged in yet: the endpoint sends the user to the login page first
        }
        String required = CITIZEN_CLIENT.equals(context.getRegisteredClient().getClientId()) ? EidUsers.CITIZEN : EidUsers.STAFF;
        if (!AuthorityUtils.authorityListToSet(user.getAuthorities()).contains(required)) {
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
                    EidUsers.CITIZEN.equals(required) ? "Not a citizen e-ID account" : "Not a staff account", null), request);
        }
    }

    /** The userinfo response: the user claims of the ID token (the default mapper would drop the custom ones). */
    private static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        Map<String, Object> claims = new LinkedHashMap<>(context.getAuthorization().getToken(OidcIdToken.class).getToken().getClaims());
        claims.keySet().retainAll(USER_CLAIMS);
        return new OidcUserInfo(claims);
    }

    /**
     * The logout endpoint compares post_logout_redirect_uri exactly with the registered one, unlike the authorization
     * endpoint. Extend the loopback rule to it, so a portal on any port of 127.0.0.1 gets its user back after logout.
     */
    private static void allowLoopbackPostLogoutRedirects(List<AuthenticationProvider> providers) {
        for (AuthenticationProvider provider : providers) {
            if (provider instanceof OidcLogoutAuthenticationProvider logout) {
                logout.setAuthenticationValidator(EidProviderConfiguration::requireRegisteredPostLogoutRedirect);
            }
        }
    }

    private static void requireRegisteredPostLogoutRedirect(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken logout = context.getAuthentication();
        String requested = logout.getPostLogoutRedirectUri();
        if (requested == null || requested.isEmpty() || context.getRegisteredClient().getPostLogoutRedirectUris()
                .stream().anyMatch(registered -> sameApartFromLoopbackPort(registered, requested))) {
            return;
        }
        throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                "OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri", null));
    }

    static boolean sameApartFromLoopbackPort(String registered, String requested) {
        if (registered.equals(requested)) {
            return true;
        }
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            return "127.0.0.1".equals(b.getHost()) && "127.0.0.1".equals(a.getHost())
                    && "http".equals(a.getScheme()) && "http".equals(b.getScheme())
                    && a.getRawPath().equals(b.getRawPath()) && b.getRawQuery() == null && b.getRawFragment() == null;
        } catch (Exception malformed) {
            return false;
        }
    }

    /** Browsers (Accept: text/html) are sent to the login page; API calls get a 401. */
    private static MediaTypeRequestMatcher htmlRequests() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }
}
