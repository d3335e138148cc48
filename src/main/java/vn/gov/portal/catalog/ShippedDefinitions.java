package vn.gov.portal.catalog;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The definition files that came with this release ({@code portal.workflows.location}). An empty database is seeded
 * from them; a database seeded before keeps publishing what it has, so the newer versions an upgrade brings wait
 * here until an admin imports one as a draft and publishes it. An admin's own edits are never overwritten.
 */
@Component
public class ShippedDefinitions {

    /** A file of this release whose version is above the published one of its procedure. */
    public record Shipped(String code, int version, String text, String file) {}

    private final String location;
    private final DefinitionCheck check;
    private final ProcedureCatalog catalog;

    public ShippedDefinitions(@Value("${portal.workflows.location:classpath:workflows/}") String location,
                              DefinitionCheck check, ProcedureCatalog catalog) {
        this.location = location;
        this.check = check;
        this.catalog = catalog;
    }

    /**
     * By code, the valid files whose version is above the version published for that code. Read on each call: the
     * admins' list of procedures is the only reader, and the files can be replaced on disk without a restart.
     */
    public Map<String, Shipped> newerThanPublished() {
        CatalogSeed.Read read = CatalogSeed.read(ProcedureCatalog.seedFiles(location), check.parser());
        Map<String, Shipped> newer = new TreeMap<>();
        read.definitions().forEach((code, file) -> catalog.find(code)
                .filter(published -> file.version() > published.version())
                .ifPresent(published -> newer.put(code, new Shipped(code, file.version(),
                        read.files().get(code).text(), read.files().get(code).name()))));
        return newer;
    }
}
