package vn.gov.portal.population.writeback;

import java.time.LocalDate;
import java.util.Optional;
import vn.gov.portal.population.CompletedDossier;
import vn.gov.portal.population.IdNumber;

/** Reading typed answers of a completed dossier; the answer ids a handler reads are part of its contract. */
final class Answers {

    private Answers() {
    }

    static LocalDate date(CompletedDossier dossier, String id) {
        return LocalDate.parse(dossier.answer(id));
    }

    /** The person named in the answer {@code id}, or the filer when the answer is absent or blank. */
    static IdNumber personOrApplicant(CompletedDossier dossier, String id) {
        return optionalPerson(dossier, id).orElse(dossier.applicant());
    }

    static Optional<IdNumber> optionalPerson(CompletedDossier dossier, String id) {
        String value = id == null ? null : dossier.answers().get(id);
        return IdNumber.isWellFormed(value) ? Optional.of(new IdNumber(value)) : Optional.empty();
    }
}
