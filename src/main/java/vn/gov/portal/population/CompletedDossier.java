package vn.gov.portal.population;

import java.util.Map;
import java.util.UUID;

/** What a write-back handler gets from a dossier whose final decision was just taken. */
public record CompletedDossier(UUID dossierId, String receiptCode, String procedureCode, IdNumber applicant,
                               Map<String, String> answers, Map<String, String> params, String agencyName,
                               String agencyProvinceCode, String actor, java.time.LocalDate decidedOn,
                               Map<String, String> outputs) {

    /**
     * Something the write-back produced that later steps need (the newborn's ID number): kept with the dossier's
     * answers, and passed on in an interconnected group.
     */
    public void output(String name, String value) {
        outputs.put(name, value);
    }

    /** A required answer; a missing one means the definition and its handler disagree. */
    public String answer(String id) {
        String value = answers.get(id);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("write-back of " + procedureCode + " needs the answer '" + id + "'");
        }
        return value;
    }

    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }
}
