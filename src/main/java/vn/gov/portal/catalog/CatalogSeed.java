package vn.gov.portal.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the definition files may add to the store at start. An empty store takes every file (and any broken file
 * stops the start, as before versions existed). A store in use is the truth: a file only adds a procedure the store
 * does not know; a file that differs from the published version is reported and left alone, never imported
 * silently, and the store is never overwritten (an admin imports a file deliberately: docs/operations.md).
 */
final class CatalogSeed {

    record SeedFile(String name, String text) {}

    record Insert(String code, int version, String text, String file) {}

    record Plan(List<Insert> inserts, List<String> warnings) {}

    private CatalogSeed() {
    }

    /** The definition files read together: the valid definitions by code, the file of each, and every problem. */
    record Read(Map<String, ProcedureDefinition> definitions, Map<String, SeedFile> files,
                List<DefinitionProblem> problems) {}

    /**
     * Parses every file; a code is the first file's that uses it, and a group is resolved against the other files
     * (a group whose steps do not resolve is left out, with its problems).
     */
    static Read read(List<SeedFile> files, DefinitionParser parser) {
        List<DefinitionProblem> problems = new ArrayList<>();
        Map<String, ProcedureDefinition> valid = new LinkedHashMap<>();
        Map<String, SeedFile> fileOf = new LinkedHashMap<>();
        for (SeedFile file : files) {
            DefinitionParser.Result result = parser.parse(file.name(), file.text());
            problems.addAll(result.problems());
            if (!result.ok()) {
                continue;
            }
            String code = result.definition().code();
            if (valid.containsKey(code)) {
                problems.add(DefinitionProblem.of(file.name(), 0, "codeUsed", code, fileOf.get(code).name()));
                continue;
            }
            valid.put(code, result.definition());
            fileOf.put(code, file);
        }
        for (ProcedureDefinition group : List.copyOf(valid.values())) {
            if (group.isGroup()) {
                List<DefinitionProblem> found = new ArrayList<>();
                DefinitionCheck.resolveGroup(group, code -> Optional.ofNullable(valid.get(code)), found)
                        .ifPresentOrElse(resolved -> valid.put(group.code(), resolved), () -> valid.remove(group.code()));
                problems.addAll(found);
            }
        }
        return new Read(valid, fileOf, problems);
    }

    /**
     * @param published the published version of each code in the store
     * @param stored    every code the store holds in any status
     */
    static Plan plan(List<SeedFile> files, DefinitionParser parser, Map<String, StoredVersion> published,
                     Set<String> stored) {
        boolean empty = stored.isEmpty();
        Read read = read(files, parser);
        List<DefinitionProblem> problems = new ArrayList<>(read.problems());
        Map<String, ProcedureDefinition> valid = read.definitions();
        Map<String, SeedFile> fileOf = read.files();
        if (empty) {
            if (valid.isEmpty() && problems.isEmpty()) {
                problems.add(DefinitionProblem.of("workflows/", 0, "noDefinitions"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException(problems);
            }
        }
        List<Insert> inserts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        problems.forEach(p -> warnings.add("Definition file ignored, the database is used: " + p));
        valid.forEach((code, definition) -> {
            SeedFile file = fileOf.get(code);
            StoredVersion current = published.get(code);
            if (!stored.contains(code)) {
                inserts.add(new Insert(code, definition.version(), file.text(), file.name()));
                if (!empty) {
                    warnings.add("New procedure '" + code + "' version " + definition.version() + " added from "
                            + file.name());
                }
            } else if (current == null) {
                warnings.add(file.name() + ": procedure '" + code + "' exists in the database only as a draft;"
                        + " the file is not used");
            } else if (current.version() != definition.version()) {
                warnings.add(file.name() + " is version " + definition.version() + " but the portal publishes version "
                        + current.version() + " of '" + code + "' (edited in the browser, or a release newer than the database?)."
                        + " The database is kept; to use a newer file, import it from /admin/procedures (\"Nhập phiên"
                        + " bản " + definition.version() + " thành bản nháp\") and publish it.");
            } else if (!current.source().equals(file.text())) {
                warnings.add(file.name() + " differs from the published version " + current.version() + " of '" + code
                        + "' although both say version " + current.version()
                        + ". The database is kept; give the file a new version and import it to use it.");
            }
        });
        return new Plan(List.copyOf(inserts), List.copyOf(warnings));
    }
}
