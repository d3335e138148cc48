package vn.gov.portal.catalog;

/** A problem found in a definition file, with the line it is on (0 when the whole file is concerned). */
public record DefinitionProblem(String source, int line, String message) {
    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
