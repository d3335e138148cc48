package vn.gov.portal.attachment;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.support.RequestContextUtils;
import vn.gov.portal.identity.CurrentUserResolver;
import vn.gov.portal.web.Messages;

/**
 * A file over the multipart limit (spring.servlet.multipart) is refused by the servlet container before any
 * controller runs. The citizen goes back to the page they uploaded from with a message, instead of an error 500.
 * (The forms put the CSRF token in the action URL too, so the security filter still finds it when the body is
 * not read.)
 */
@ControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE) // before ErrorAdvice's MultipartException
class UploadTooLarge {

    private static final Pattern FROM_FORM = Pattern.compile("/procedures/([a-z0-9-]+)/apply/attachments");
    private static final Pattern FROM_DOSSIER = Pattern.compile("/my/dossiers/([0-9a-f-]{36})/attachments");

    private final Messages messages;

    UploadTooLarge(Messages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        String text = messages.text("attachment.tooBigUpload", new Object[] {Attachments.MAX_MEGABYTES}, locale);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher form = FROM_FORM.matcher(path);
        Matcher dossier = FROM_DOSSIER.matcher(path);
        String back = form.matches() ? "/procedures/" + form.group(1) + "/apply?step=documents"
                : dossier.matches() ? "/my/dossiers/" + dossier.group(1) : null;
        if (back == null) {
            response.setStatus(413);
            model.addAttribute("message", text);
            model.addAttribute("currentUser", CurrentUserResolver.current());
            return "error";
        }
        // the redirect saves the flash map for its target
        RequestContextUtils.getOutputFlashMap(request).put("problem", text);
        return "redirect:" + back;
    }
}
