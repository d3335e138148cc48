package vn.gov.portal.forms;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import vn.gov.portal.web.Messages;

/** The public page where anyone checks an issued document by its code, and optionally the file they were given. */
@Controller
class VerificationController {

    private final DocumentVerification verification;
    private final Messages messages;

    VerificationController(DocumentVerification verification, Messages messages) {
        this.verification = verification;
        this.messages = messages;
    }

    @GetMapping("/verify")
    String form(@RequestParam(required = false) String code, Model model, Locale locale, HttpServletResponse response) {
        if (code == null) {
            return "verify";
        }
        Optional<String> canonical = VerificationCode.parse(code);
        if (canonical.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("typed", code);
            model.addAttribute("errors", List.of(new Messages.FieldMessage("code",
                    messages.text(code.isBlank() ? "verify.codeRequired" : "verify.codeMalformed", null, locale))));
            return "verify";
        }
        return "redirect:/verify/" + canonical.get();
    }

    @GetMapping("/verify/{code}")
    String show(@PathVariable String code, Model model, HttpServletResponse response) {
        return page(code, model, response);
    }

    @PostMapping("/verify/{code}")
    String compare(@PathVariable String code, @RequestParam(required = false) MultipartFile file, Model model,
                   Locale locale, HttpServletResponse response) throws IOException {
        String view = page(code, model, response);
        DocumentVerification.Issued issued = (DocumentVerification.Issued) model.getAttribute("issued");
        if (issued == null) {
            return view;
        }
        String problem = problem(file);
        if (problem != null) {
            response.setStatus(400);
            model.addAttribute("errors", List.of(new Messages.FieldMessage("file", messages.text(problem, null, locale))));
            return view;
        }
        model.addAttribute("comparison", verification.compare(issued, file.getBytes()));
        return view;
    }

    private String page(String code, Model model, HttpServletResponse response) {
        Optional<DocumentVerification.Issued> issued = verification.find(code);
        model.addAttribute("typed", code);
        if (issued.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("notFound", true);
        } else {
            model.addAttribute("issued", issued.get());
        }
        return "verify";
    }

    /** A message code if the upload cannot be compared: nothing sent, too large, or not a PDF. */
    private static String problem(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            return "verify.fileRequired";
        }
        if (file.getSize() > DocumentVerification.MAX_UPLOAD_BYTES) {
            return "verify.fileTooLarge";
        }
        try (InputStream in = file.getInputStream()) {
            byte[] head = in.readNBytes(5);
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-") ? null : "verify.notPdf";
        }
    }
}
