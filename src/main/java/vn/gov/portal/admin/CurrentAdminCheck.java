package vn.gov.portal.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vn.gov.portal.agency.AgencyDirectory;
import vn.gov.portal.agency.StaffMember;
import vn.gov.portal.identity.CurrentUserResolver;
import vn.gov.portal.identity.PortalUser;

/**
 * The admin role comes from the login; an account deactivated or stripped of its admin flag since then must not keep
 * administering until its session ends. So every /admin request also checks the account as it is now (one lookup).
 */
@Configuration
class CurrentAdminCheck implements WebMvcConfigurer, HandlerInterceptor {

    private final AgencyDirectory directory;

    CurrentAdminCheck(AgencyDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin", "/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        PortalUser user = CurrentUserResolver.current();
        boolean admin = user != null && !user.isCitizen()
                && directory.staff(user.username()).map(StaffMember::isAdmin).orElse(false);
        if (!admin) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
        return admin;
    }
}
