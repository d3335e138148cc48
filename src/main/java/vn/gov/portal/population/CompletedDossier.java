package vn.gov.portal.population;

import java.util.Map;
import java.util.UUID;

/** What a write-back handler gets from a dossier whose final decision was just taken. */
public record CompletedDossier(UUID dossierId, String receiptCode, String procedureCode, IdNumber applicant,
                               Map<String, String> answers, String actor) {}
