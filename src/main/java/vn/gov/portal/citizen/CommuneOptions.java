package vn.gov.portal.citizen;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import vn.gov.portal.population.AdminUnit;
import vn.gov.portal.population.PopulationRegister;

/**
 * The options of a commune select: every commune, grouped by province ({@code <optgroup data-province>}, which
 * portal.js narrows to the chosen province; without JavaScript the whole list works). Written once per reading of the
 * units instead of by the template: ~3,300 options with five expressions each were most of a form page's cost
 * (docs/performance.md).
 */
@Component
public class CommuneOptions {

    private record Markup(List<AdminUnit> communes, String html) {}

    private final PopulationRegister register;
    private volatile Markup markup;

    CommuneOptions(PopulationRegister register) {
        this.register = register;
    }

    /** The {@code <optgroup>}s with the commune {@code selected} (a code, or null) marked selected. */
    public String html(String selected) {
        String html = current();
        if (selected == null || selected.isEmpty()) {
            return html;
        }
        String option = "<option value=\"" + HtmlUtils.htmlEscape(selected) + "\">";
        int at = html.indexOf(option);
        return at < 0 ? html : html.substring(0, at) + option.replace(">", " selected>") + html.substring(at + option.length());
    }

    private String current() {
        List<AdminUnit> communes = register.communes();
        Markup built = markup;
        if (built == null || built.communes() != communes) {
            built = new Markup(communes, write(communes, register.provinces()));
            markup = built;
        }
        return built.html();
    }

    private static String write(List<AdminUnit> communes, List<AdminUnit> provinces) {
        StringBuilder html = new StringBuilder(communes.size() * 48);
        for (AdminUnit province : provinces) {
            List<AdminUnit> inProvince = communes.stream().filter(c -> province.code().equals(c.parentCode())).toList();
            if (inProvince.isEmpty()) {
                continue;
            }
            html.append("<optgroup label=\"").append(HtmlUtils.htmlEscape(province.name()))
                    .append("\" data-province=\"").append(HtmlUtils.htmlEscape(province.code())).append("\">");
            for (AdminUnit commune : inProvince) {
                html.append("<option value=\"").append(HtmlUtils.htmlEscape(commune.code())).append("\">")
                        .append(HtmlUtils.htmlEscape(commune.name())).append("</option>");
            }
            html.append("</optgroup>");
        }
        return html.toString();
    }
}
