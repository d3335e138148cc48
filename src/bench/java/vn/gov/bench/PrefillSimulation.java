package vn.gov.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.util.Map;

/** Scenario 2 over HTTP: logged-in citizens open the prefilled temporary-residence form again and again. */
public class PrefillSimulation extends Simulation {

    {
        Workload work = Workload.current();
        var citizens = listFeeder(work.citizens().stream().map(id -> Map.<String, Object>of("idNumber", id)).toList())
                .queue();
        var open = scenario("prefilled form").feed(citizens).exec(Journeys.citizenLogin())
                .exec(during(work.duration()).on(Journeys.openForm()));
        setUp(open.injectOpen(atOnceUsers(work.users()))).protocols(Journeys.protocol());
    }
}
