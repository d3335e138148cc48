package vn.gov.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import vn.gov.portal.dossier.UserFacingException;

/**
 * Refuses a request whose parameters carry control characters that no keyboard types into a form (NUL, escape,
 * backspace…; tab and line breaks are text). PostgreSQL stores no NUL in text or JSON, so such a value used to fail
 * deep in a save with a 500; now the user reads why in their language, before anything is written.
 */
class ControlCharacters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true; // static files read no parameters
        }
        request.getParameterMap().forEach((name, values) -> {
            if (hasControl(name)) {
                throw UserFacingException.refused("error.controlCharacters");
            }
            for (String value : values) {
                if (hasControl(value)) {
                    throw UserFacingException.refused("error.controlCharacters");
                }
            }
        });
        return true;
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
