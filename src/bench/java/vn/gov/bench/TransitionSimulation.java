package vn.gov.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scenario 5: many dossiers at once through receive → process → approve → return, each step by the officer whose
 * role the workflow names; the dossiers are shared out among the virtual officers of each step.
 */
public class TransitionSimulation extends Simulation {

    {
        Workload work = Workload.current();
        List<List<Map<String, Object>>> shares = new ArrayList<>();
        IntStream.range(0, work.users()).forEach(i -> shares.add(new ArrayList<>()));
        for (int i = 0; i < work.decisions().size(); i++) {
            shares.get(i % work.users()).add(work.decisions().get(i));
        }
        PopulationBuilder receive = step(shares, "receive", "receiver", work.users());
        setUp(receive.andThen(step(shares, "process", "handler", work.users())
                .andThen(step(shares, "approve", "approver", work.users())
                        .andThen(step(shares, "return-result", "receiver", work.users())))))
                .protocols(Journeys.protocol());
    }

    private static PopulationBuilder step(List<List<Map<String, Object>>> shares, String event, String role, int users) {
        var share = listFeeder(IntStream.range(0, shares.size())
                .mapToObj(i -> Map.<String, Object>of("share", i, role, shares.get(i).isEmpty() ? ""
                        : shares.get(i).get(0).get(role)))
                .toList()).queue();
        return scenario(event).feed(share).exec(Journeys.officerLogin("#{" + role + "}"))
                .exec(foreach(session -> shares.get(session.getInt("share")).stream().map(d -> d.get("id")).toList(), "id")
                        .on(Journeys.decide(event)))
                .injectOpen(atOnceUsers(users));
    }
}
