package vn.gov.portal.forms;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.gov.portal.agency.Agency;
import vn.gov.portal.dossier.UserFacingException;
import vn.gov.portal.identity.PortalUser;
import vn.gov.portal.web.Messages;

/** The register book (form 06) of an agency: a page to choose the period, and the printable PDF. */
@Controller
class RegisterBookController {

    private final RegisterBook books;
    private final Messages messages;
    private final Clock clock;

    RegisterBookController(RegisterBook books, Messages messages, Clock clock) {
        this.books = books;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/officer/register-book")
    String page(@RequestParam(required = false) String agency, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, PortalUser officer, Model model, Locale locale,
                HttpServletResponse response) {
        RegisterBookRequest request = RegisterBookRequest.read(agency, from, to, LocalDate.now(clock), messages, locale);
        List<Agency> own = books.agenciesOf(officer);
        Optional<Agency> chosen = chosen(officer, request, own);
        model.addAttribute("request", request);
        model.addAttribute("agencies", own);
        model.addAttribute("admin", books.isAdmin(officer));
        model.addAttribute("chosen", chosen.orElse(null));
        if (!request.valid()) {
            response.setStatus(400);
        } else {
            chosen.ifPresent(a -> model.addAttribute("book", books.read(a, request.from(), request.to())));
        }
        return "officer/register-book";
    }

    @GetMapping("/officer/register-book.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) String agency, @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to, PortalUser officer, Locale locale) {
        RegisterBookRequest request = RegisterBookRequest.read(agency, from, to, LocalDate.now(clock), messages, locale);
        Agency chosen = chosen(officer, request, books.agenciesOf(officer)).orElseThrow(UserFacingException::notFound);
        if (!request.valid()) {
            // The page links to the PDF only for a period it could read: this request was not made by it.
            throw UserFacingException.refused("error.badRequest");
        }
        RegisterBook.Book book = books.read(chosen, request.from(), request.to());
        return PdfResponse.inline("mau-06-" + chosen.unitCode() + "-" + request.from() + "-" + request.to(),
                books.render(book));
    }

    /**
     * The agency named, which must be one the user may read (any other does not exist for them: 404), else the first
     * of their own; none for an admin who holds no role and named none.
     */
    private Optional<Agency> chosen(PortalUser officer, RegisterBookRequest request, List<Agency> own) {
        if (request.agency() == null) {
            return own.stream().findFirst();
        }
        return Optional.of(books.agencyFor(officer, request.agency()).orElseThrow(UserFacingException::notFound));
    }
}
