package vn.gov.portal.admin;

import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import vn.gov.portal.catalog.ProcedureCatalog;
import vn.gov.portal.catalog.WorkflowDiagram;

/** The workflow of a procedure's latest version as an SVG image, for admins (SecurityConfig guards /admin/**). */
@Controller
class ProcedureDiagramController {

    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

    private final ProcedureCatalog catalog;
    private final WorkflowDiagram diagrams;

    ProcedureDiagramController(ProcedureCatalog catalog, WorkflowDiagram diagrams) {
        this.catalog = catalog;
        this.diagrams = diagrams;
    }

    @GetMapping("/admin/procedures/{code}/diagram.svg")
    @ResponseBody
    ResponseEntity<String> diagram(@PathVariable String code, @RequestParam(required = false) String state,
                                   Locale locale) {
        return catalog.find(code)
                .map(d -> ResponseEntity.ok().contentType(SVG)
                        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + diagrams.draw(d, locale, state).svg()))
                .orElse(ResponseEntity.notFound().build());
    }
}
