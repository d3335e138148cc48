package vn.gov.bench;

import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Map;

/**
 * Scenario 6: people as they use the portal — 80% citizens browsing and tracking their dossiers, 15% citizens
 * submitting, 5% officers working their queue — each pausing 1 to 3 s between pages, as a person reads; logins are
 * spread over the first 30 s.
 */
public class MixedSimulation extends Simulation {

    private static final Duration RAMP = Duration.ofSeconds(30);

    {
        Workload work = Workload.current();
        int submitters = work.users() * 15 / 100;
        int officers = work.users() * 5 / 100;
        int browsers = work.users() - submitters - officers;
        var citizens = listFeeder(work.citizens().stream().map(id -> Map.<String, Object>of("idNumber", id)).toList())
                .queue();
        var places = listFeeder(work.places()).random();
        var staff = listFeeder(work.officers()).circular();

        var browse = scenario("citizens browsing and tracking").feed(citizens).exec(Journeys.citizenLogin())
                .exec(during(work.duration()).on(Journeys.browse(true)));
        var submit = scenario("citizens submitting").feed(citizens).exec(Journeys.citizenLogin())
                .exec(during(work.duration()).on(exec(session -> session).feed(places).exec(Journeys.openForm()).pause(1, 3)
                        .exec(Journeys.postForm()).pause(1, 3)));
        var work5 = scenario("officers working").feed(staff).exec(Journeys.officerLogin("#{username}"))
                .exec(during(work.duration()).on(exec(Journeys.page("queue: waiting (default)", "/officer/queue")).pause(1, 3)
                        .exec(Journeys.page("search: name", "/officer/queue?q=#{name}")).pause(1, 3)
                        .exec(Journeys.page("queue: overdue", "/officer/queue?due=OVERDUE")).pause(1, 3)));
        setUp(browse.injectOpen(rampUsers(browsers).during(RAMP)),
                submit.injectOpen(rampUsers(submitters).during(RAMP)),
                work5.injectOpen(rampUsers(officers).during(RAMP)))
                .protocols(Journeys.protocol());
    }
}
