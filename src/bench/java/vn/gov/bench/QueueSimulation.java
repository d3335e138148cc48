package vn.gov.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Scenario 4: officers of many agencies page through their queue with each filter and search it by receipt code,
 * ID number and name typed without diacritics, back to back.
 */
public class QueueSimulation extends Simulation {

    {
        Workload work = Workload.current();
        var officers = listFeeder(work.officers()).circular();
        ChainBuilder queue = exec(
                Journeys.page("queue: waiting (default)", "/officer/queue"),
                Journeys.page("queue: status filter", "/officer/queue?status=4"),
                Journeys.page("queue: procedure filter", "/officer/queue?procedure=#{procedure}"),
                Journeys.page("queue: mine", "/officer/queue?scope=MINE"),
                Journeys.page("queue: unassigned", "/officer/queue?scope=UNASSIGNED"),
                Journeys.page("queue: due today", "/officer/queue?due=TODAY"),
                Journeys.page("queue: overdue", "/officer/queue?due=OVERDUE"),
                Journeys.page("queue: page 2", "/officer/queue?status=2&page=1"),
                Journeys.page("search: receipt code", "/officer/queue?q=#{receipt}"),
                Journeys.page("search: ID number", "/officer/queue?q=#{idNumber}"),
                Journeys.page("search: name", "/officer/queue?q=#{name}"));
        var officer = scenario("officer queue").feed(officers).exec(Journeys.officerLogin("#{username}"))
                .exec(during(work.duration()).on(queue));
        setUp(officer.injectOpen(atOnceUsers(work.users()))).protocols(Journeys.protocol());
    }
}
