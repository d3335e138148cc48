package vn.gov.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.util.Map;

/**
 * Scenario 3: each virtual citizen logs in once and opens the form once (the session's CSRF token), then submits
 * temporary-residence dossiers back to back, to the police of the place fed each time (one commune for the same-unit
 * case, many for the spread case), each followed by the new dossier's page as a browser does.
 */
public class SubmissionSimulation extends Simulation {

    {
        Workload work = Workload.current();
        var citizens = listFeeder(work.citizens().stream().map(id -> Map.<String, Object>of("idNumber", id)).toList())
                .queue();
        var places = listFeeder(work.places()).random();
        var submit = scenario("submissions").feed(citizens).exec(Journeys.citizenLogin(), Journeys.openForm())
                .exec(during(work.duration()).on(exec(session -> session).feed(places).exec(Journeys.submitAgain())));
        setUp(submit.injectOpen(atOnceUsers(work.users()))).protocols(Journeys.protocol());
    }
}
