package vn.gov.bench;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.util.Map;

/**
 * Scenario 2 over HTTP: a steady number of citizens at a time, each logging in and opening the prefilled
 * temporary-residence form 20 times, then the next citizen: many different people are looked up, not a cached few.
 */
public class PrefillSimulation extends Simulation {

    {
        Workload work = Workload.current();
        var citizens = listFeeder(work.citizens().stream().map(id -> Map.<String, Object>of("idNumber", id)).toList())
                .circular();
        var open = scenario("prefilled form").feed(citizens).exec(Journeys.citizenLogin())
                .exec(repeat(20).on(Journeys.openForm()));
        setUp(open.injectClosed(constantConcurrentUsers(work.users()).during(work.duration())))
                .protocols(Journeys.protocol());
    }
}
