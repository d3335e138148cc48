package vn.gov.portal;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.gov.devstack.DevStack;
import vn.gov.devstack.TestClock;
import vn.gov.devstack.TestStack;
import vn.gov.devstack.payment.SimulatedVnpay;
import vn.gov.portal.attachment.Attachments;
import vn.gov.portal.attachment.TestFiles;
import vn.gov.portal.catalog.ProcedureDefinition;
import vn.gov.portal.dossier.Dossier;
import vn.gov.portal.identity.PortalOidcUser;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.payment.Payments;
import vn.gov.portal.population.IdNumber;

/**
 * Base of the integration tests: the real portal on the shared embedded PostgreSQL and e-ID provider. All subclasses
 * use the same configuration, so Spring starts the portal once per test run. Its clock is a {@link TestClock}.
 */
@SpringBootTest(classes = {PortalApplication.class, TestClock.InPortal.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public abstract class PortalIntegrationTest {

    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected Payments payments;
    @Autowired
    private vn.gov.portal.dossier.Filing filing;
    @Autowired
    private vn.gov.portal.catalog.ProcedureCatalog catalog;
    @Autowired
    protected Attachments attachments;
    @Autowired
    private vn.gov.portal.dossier.Dossiers dossierReads;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.get().portalProperties().forEach((key, value) -> registry.add(key, () -> value));
        // Tests deliver mail themselves (MailOutbox.deliverDue); a scheduled run in the middle of a test would take
        // mails the test counts.
        registry.add("portal.mail.delivery-interval", () -> "PT1H");
        // Likewise the purge of expired rate-limit counts, which RateLimitsTest runs itself.
        registry.add("portal.limits.purge-interval", () -> "PT1H");
        // And the expiry of abandoned payments, which the payment tests run themselves.
        registry.add("portal.payment.expiry-check", () -> "PT1H");
    }

    @LocalServerPort
    private int portalPort;

    /** The simulated gateway notifies this portal of payments (the IPN URL is one per merchant, so set per test). */
    @BeforeEach
    void gatewayNotifiesThisPortal() {
        TestStack.get().notifyPaymentsTo("http://127.0.0.1:" + portalPort);
    }

    /**
     * A condition on {@code p} (population.person) for someone tests may use freely: alive, able to log in at level
     * 2 in the dev provider (numbers ending in 7 are level 1), and with no dossier yet.
     */
    protected static final String FREE = """
             right(p.id_number, 1) <> '7' and p.date_of_death is null
            and not exists (select 1 from dossier d where d.applicant_id_number = p.id_number or d.party_id_number = p.id_number)
            """;

    /** People handed to a test in this JVM: never handed out again, whatever that test did with them. */
    private static final java.util.Set<String> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * The first person from {@code offset} on (then from the first) of those {@code query} lists (an ordered select of
     * ID numbers, without offset or limit) that no test of this JVM has been handed yet. {@link #FREE} leaves out whoever has a dossier;
     * this also leaves out people a test used without filing for them (a partner, a child, the deceased, someone
     * moved), whom the same offset in another test would otherwise find changed.
     */
    protected String handOut(String query, int offset, Object... params) {
        // The offset only spreads the tests over the people; past the last, the first ones are tried.
        for (int from = offset, wrapped = 0; ; from += 32) {
            Object[] paged = java.util.stream.Stream.concat(java.util.Arrays.stream(params), java.util.stream.Stream.of(from))
                    .toArray();
            List<String> candidates = jdbc.sql(query + " offset ? limit 32").params(paged).query(String.class).list();
            if (candidates.isEmpty()) {
                if (wrapped++ > 0 || offset == 0) {
                    throw new IllegalStateException("no person left for this test: " + query);
                }
                from = -32;
                continue;
            }
            for (String idNumber : candidates) {
                if (HANDED_OUT.add(idNumber)) {
                    return idNumber;
                }
            }
        }
    }

    protected String freeAdult(int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        where p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and """ + FREE + " order by p.id_number", offset);
    }

    /** A free married woman (22-40): a mother filing a birth. */
    protected String freeMarriedWoman(int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        join population.family_link l on l.id_number = p.id_number and l.relation = 'SPOUSE'
                        where p.sex = 'F' and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and """ + FREE + " order by p.id_number", offset);
    }

    /** A free single man or woman (22-40) with a permanent residence: a party to a marriage. */
    protected String freeSingle(String sex, int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        join population.residence r on r.id_number = p.id_number and r.kind = 'PERMANENT'
                        where p.marital_status = 'SINGLE' and p.sex = ?
                          and p.birth_date between current_date - interval '40 years' and current_date - interval '22 years'
                          and """ + FREE + " order by p.id_number", offset, sex);
    }

    /** A free adult (25-60) of a household with at least three living members: a filer with someone to register. */
    protected String freeAdultOfLargeHousehold(int offset) {
        return handOut("""
                        select p.id_number from population.person p
                        where p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and (select count(*) from population.person m
                               where m.household_id = p.household_id and m.date_of_death is null) >= 3
                          and """ + FREE + " order by p.id_number", offset);
    }

    /** The oldest living member of the person's household other than them, with no dossier: whose death a test registers. */
    protected String oldestOtherMember(String idNumber) {
        return jdbc.sql("""
                        select m.id_number from population.person m join population.person p on p.household_id = m.household_id
                        where p.id_number = ? and m.id_number <> p.id_number and m.date_of_death is null
                          and not exists (select 1 from dossier d where d.applicant_id_number = m.id_number
                                                                     or d.party_id_number = m.id_number)
                        order by m.birth_date limit 1""")
                .param(idNumber).query(String.class).single();
    }

    /**
     * A household head aged 25 to 60, free for tests, whose household has at least {@code living} living people
     * (the head included): someone who can file for members of their household.
     */
    protected String freeHeadOfHousehold(int living, int offset) {
        return handOut("""
                        select p.id_number from population.person p where p.relation_to_head = 'Chủ hộ'
                          and (select count(*) from population.person m where m.household_id = p.household_id
                               and m.date_of_death is null) >= ?
                          and p.birth_date between current_date - interval '60 years' and current_date - interval '25 years'
                          and """ + FREE + " order by p.id_number", offset, living);
    }

    /** The other living people of the person's household, the eldest first. */
    protected List<String> livingHouseholdMembers(String idNumber) {
        return jdbc.sql("""
                        select m.id_number from population.person m join population.person h on h.household_id = m.household_id
                        where h.id_number = ? and m.id_number <> ? and m.date_of_death is null order by m.birth_date""")
                .params(idNumber, idNumber).query(String.class).list();
    }

    protected String permanent(String idNumber, String column) {
        return jdbc.sql("select " + column + " from population.residence where id_number = ? and kind = 'PERMANENT'")
                .param(idNumber).query(String.class).single();
    }

    protected Long agencyOfCommune(String kind, String commune) {
        return jdbc.sql("select id from agency where kind = ? and commune_code = ?").params(kind, commune)
                .query(Long.class).single();
    }

    protected Long agencyOfProvince(String kind, String province) {
        return jdbc.sql("select id from agency where kind = ? and province_code = ? and commune_code is null")
                .params(kind, province).query(Long.class).single();
    }

    protected static DevStack stack() {
        return TestStack.get();
    }

    /**
     * A living adult of the commune, skipping the first {@code skip}, so that tests can use different people. Numbers
     * ending in 7 are left out: the dev e-ID provider gives them level 1.
     */
    protected String adultOf(String communeCode, int skip) {
        return jdbc.sql("""
                        select p.id_number from population.person p join population.household h on h.id = p.household_id
                        where h.commune_code = ? and p.birth_date < date '2006-01-01' and p.date_of_death is null
                          and right(p.id_number, 1) <> '7' order by p.id_number offset ? limit 1""")
                .params(communeCode, skip).query(String.class).single();
    }

    protected PortalUser citizen(String idNumber, int eidLevel) {
        String name = jdbc.sql("select full_name from population.person where id_number = ?").param(idNumber)
                .query(String.class).single();
        return PortalUser.citizen(new IdNumber(idNumber), name, eidLevel);
    }

    /** The register's family links of a person: relation (MOTHER, FATHER, SPOUSE …) → the related ID number. */
    protected Map<String, String> links(String idNumber) {
        Map<String, String> links = new java.util.HashMap<>();
        jdbc.sql("select relation, related_id_number from population.family_link where id_number = ?").param(idNumber)
                .query((rs, n) -> links.put(rs.getString(1), rs.getString(2).strip())).list();
        return links;
    }

    /** An officer holding the role in the agency that handles the dossier. */
    protected String staffWith(Dossier dossier, String role) {
        return jdbc.sql("select username from staff_role where agency_id = ? and role = ? order by username limit 1")
                .params(dossier.agencyId(), role).query(String.class).single();
    }

    protected static PortalUser officer(String username) {
        return PortalUser.staff(username, username);
    }

    /** Runs the task on two threads released at the same moment (a double click whose posts arrive together). */
    protected static <T> List<T> twiceAtOnce(java.util.concurrent.Callable<T> task) throws Exception {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<T> released = () -> {
                start.await();
                return task.call();
            };
            List<java.util.concurrent.Future<T>> results = List.of(pool.submit(released), pool.submit(released));
            start.countDown();
            return List.of(results.get(0).get(), results.get(1).get());
        } finally {
            pool.shutdown();
        }
    }

    /** An authenticated session as the login would create it, for MockMvc requests. */
    protected static OAuth2AuthenticationToken login(PortalUser user) {
        return login(user, false);
    }

    /** The session of the staff login, with the admin role when the account is an admin's (as PortalUserService). */
    protected static OAuth2AuthenticationToken login(PortalUser user, boolean admin) {
        String role = user.isCitizen() ? "ROLE_CITIZEN" : "ROLE_STAFF";
        List<SimpleGrantedAuthority> roles = admin ? List.of(new SimpleGrantedAuthority(role),
                new SimpleGrantedAuthority("ROLE_ADMIN")) : List.of(new SimpleGrantedAuthority(role));
        OidcIdToken token = OidcIdToken.withTokenValue("test").subject(user.subject()).claim("name", user.displayName())
                .issuedAt(java.time.Instant.now()).expiresAt(java.time.Instant.now().plusSeconds(600)).build();
        PortalOidcUser principal = new PortalOidcUser(roles, token, null, user);
        return new OAuth2AuthenticationToken(principal, principal.getAuthorities(), user.isCitizen() ? "vneid" : "staff");
    }

    /**
     * Pays what the dossier owes as the citizen would: the portal's checkout order goes to the simulated gateway,
     * whose signed "paid" answer comes back through the portal's verification.
     */
    protected Payments.Completion payOnline(PortalUser citizen, java.util.UUID dossierId) {
        java.net.URI checkout = payments.start(citizen, dossierId, "http://127.0.0.1/payments/return", "127.0.0.1");
        return payments.complete(SimulatedVnpay.answer(SimulatedVnpay.orderOf(checkout), true));
    }

    /** The dossier's payment attempts, oldest first, as "STATUS amount" (e.g. "PAID 200000"). */
    protected List<String> payments(java.util.UUID dossierId) {
        return jdbc.sql("select status || ' ' || amount_vnd from payment where dossier_id = ? order by created_at")
                .param(dossierId).query(String.class).list();
    }

    /**
     * The dossier once its fee is paid online ({@link #payOnline}): a procedure whose fee is collected before intake
     * (fees.collection) reaches the agency only then.
     */
    protected vn.gov.portal.dossier.Dossier feePaid(PortalUser citizen, vn.gov.portal.dossier.Dossier dossier) {
        org.assertj.core.api.Assertions.assertThat(payOnline(citizen, dossier.id()).paid()).as("fee paid").isTrue();
        return dossierReads.forCitizen(citizen, dossier.id());
    }

    /** A temporary-residence dossier the citizen submitted to the police of Phường Hoàn Kiếm (00308), status 1. */
    protected vn.gov.portal.dossier.Dossier submitTemporaryResidence(PortalUser citizen) {
        return ((vn.gov.portal.dossier.Filing.Submitted) filing.submit(citizen,
                catalog.find("temporary-residence").orElseThrow(), java.util.UUID.randomUUID(),
                temporaryResidence("01", "00308"))).dossier();
    }

    /**
     * A dossier of the procedure with every field the citizen fills answered plainly (places: Phường Hoàn Kiếm,
     * 00308, in Hà Nội), to its agency; fails if the portal refuses it.
     */
    protected vn.gov.portal.dossier.Dossier submitFilledIn(PortalUser citizen, String procedureCode) {
        ProcedureDefinition definition = catalog.find(procedureCode).orElseThrow();
        Map<String, String> answers = new java.util.HashMap<>();
        definition.fields().filter(f -> !f.locked()).forEach(f -> answers.put(f.id(), switch (f.type()) {
            case SELECT -> f.options().get(0).value();
            case NUMBER -> "1";
            case PHONE -> "0912345678";
            case EMAIL -> "a@example.vn";
            case PROVINCE -> "01";
            case COMMUNE -> "00308";
            case CHECKBOX -> "true";
            case DATE -> java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusYears(1).toString();
            default -> "Nội dung thử nghiệm";
        }));
        var outcome = filing.submit(citizen, definition, java.util.UUID.randomUUID(), answers);
        org.assertj.core.api.Assertions.assertThat(outcome).as(outcome.toString())
                .isInstanceOf(vn.gov.portal.dossier.Filing.Submitted.class);
        return ((vn.gov.portal.dossier.Filing.Submitted) outcome).dossier();
    }

    /**
     * A new power connection in Phường Hàng Bạc's area of Hà Nội (commune 00304, the power company of province 01,
     * officers dl.01.*), with its required paper uploaded: a procedure of the one-stop-shop forms. Status 1.
     */
    protected vn.gov.portal.dossier.Dossier submitNewConnection(PortalUser citizen) {
        ProcedureDefinition definition = catalog.find("electricity-new-connection").orElseThrow();
        java.util.UUID formId = attachRequired(citizen, definition, java.util.UUID.randomUUID());
        return ((vn.gov.portal.dossier.Filing.Submitted) filing.submit(citizen, definition, formId, Map.of(
                "phone", "0912345678", "connectionProvince", "01", "connectionCommune", "00304",
                "connectionAddress", "Số 12, phố Hàng Bạc", "purpose", "DOMESTIC", "expectedLoad", "5",
                "phases", "1"))).dossier();
    }

    /** Answers of a valid temporary-residence form moving to the given commune, the owner's consent ticked. */
    protected static Map<String, String> temporaryResidence(String provinceCode, String communeCode) {
        return Map.of("phone", "0912345678", "email", "cong.dan@example.vn", "newProvince", provinceCode,
                "newCommune", communeCode, "newAddressDetail", "Số 5, phố Hàng Bạc",
                "periodFrom", java.time.LocalDate.now().plusDays(1).toString(),
                "periodTo", java.time.LocalDate.now().plusMonths(6).toString(),
                "reason", "Thuê nhà để đi làm", "ownerConsent", "true");
    }

    /**
     * Attaches a PDF for every document the procedure requires to upload, on the citizen's draft (created with this
     * id if they have none). Returns the draft's id, which the form then posts.
     */
    protected java.util.UUID attachRequired(PortalUser citizen, ProcedureDefinition definition, java.util.UUID formId) {
        java.util.UUID draft = formId;
        for (ProcedureDefinition.Document d : definition.documents()) {
            if (d.required() && !d.verifiableInRegister()) {
                draft = attachments.attachToDraft(citizen, definition, formId, d.id(),
                        new Attachments.Upload(d.id() + ".pdf", TestFiles.pdf(d.name().vi()))).dossierId();
            }
        }
        return draft;
    }
}
