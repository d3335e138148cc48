package vn.gov.portal.dossier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import vn.gov.portal.identity.PortalUser;

/**
 * The applicant's rating of how their dossier was handled: once the result is given (status 9 or 10), one rating of
 * 1–5 with an optional comment. A rating is final — a second one is refused — so the agency's figures cannot be
 * nudged by editing after the fact.
 */
@Service
public class ServiceRatings {

    public static final int MAX_COMMENT = 1000;
    /** National status codes meaning the result was given: 9 completed, 10 result returned. */
    private static final Set<Integer> RESULT_GIVEN = Set.of(9, 10);

    public record Rating(int score, String comment, Instant ratedAt) {}

    private final Dossiers dossiers;
    private final JdbcClient jdbc;
    private final ActingLevel actingLevel;

    ServiceRatings(Dossiers dossiers, JdbcClient jdbc, ActingLevel actingLevel) {
        this.actingLevel = actingLevel;
        this.dossiers = dossiers;
        this.jdbc = jdbc;
    }

    public Optional<Rating> of(Dossier dossier) {
        return jdbc.sql("select score, comment, rated_at from dossier_rating where dossier_id = ?").param(dossier.id())
                .query((rs, n) -> new Rating(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant())).optional();
    }

    /** Whether the page should offer the rating form to this citizen now. */
    public boolean mayRate(PortalUser citizen, Dossier dossier) {
        return citizen.isCitizen() && dossier.citizenRoles(citizen.subject()).contains("APPLICANT")
                && dossier.statusCode() != null && RESULT_GIVEN.contains(dossier.statusCode()) && of(dossier).isEmpty();
    }

    /**
     * Records the rating. {@code score} is what the form sent, checked here: anything but 1–5 is refused and nothing
     * is stored. Another citizen's dossier is "not found"; a login below the procedure's e-ID level is refused. The
     * same rating posted again is answered as the first post was, with the stored rating; a different one is refused
     * ({@code rating.already}).
     */
    public Rating rate(PortalUser citizen, UUID dossierId, String score, String comment) {
        Dossier dossier = dossiers.forCitizen(citizen, dossierId);
        if (!dossier.citizenRoles(citizen.subject()).contains("APPLICANT")) {
            throw UserFacingException.refused("rating.applicantOnly");
        }
        // The agency's figures count only ratings of a login at the level the dossier was filed with.
        actingLevel.check(citizen, dossier);
        if (dossier.statusCode() == null || !RESULT_GIVEN.contains(dossier.statusCode())) {
            throw UserFacingException.refused("rating.notCompleted");
        }
        int value = parseScore(score);
        String text = comment == null ? "" : comment.strip();
        if (text.length() > MAX_COMMENT) {
            throw UserFacingException.refused("rating.commentTooLong", MAX_COMMENT);
        }
        String stored = text.isEmpty() ? null : text;
        // The primary key makes a second rating (double click, second tab) a no-op; waits for a concurrent one's commit.
        int inserted = jdbc.sql("""
                        insert into dossier_rating (dossier_id, score, comment, rated_by) values (?, ?, ?, ?)
                        on conflict (dossier_id) do nothing""")
                .params(dossier.id(), value, stored, citizen.subject()).update();
        Rating rating = of(dossier).orElseThrow();
        // A rating post's key is what it sends (the dossier, score and comment), which the row keeps: the same post
        // again (a double click, a retry after a lost answer) gets the first one's answer; another rating is refused.
        if (inserted == 0 && !(rating.score() == value && Objects.equals(rating.comment(), stored))) {
            throw UserFacingException.refused("rating.already");
        }
        return rating;
    }

    private static int parseScore(String score) {
        try {
            int value = Integer.parseInt(score == null ? "" : score.strip());
            if (value >= 1 && value <= 5) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, like an out-of-range number
        }
        throw UserFacingException.refused("rating.scoreInvalid");
    }
}
