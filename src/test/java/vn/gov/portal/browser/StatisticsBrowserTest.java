package vn.gov.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The statistics pages in a real browser under the portal's Content-Security-Policy: the chart library comes from
 * the WebJar and the chart script from 'self', both allowed, and each chart is drawn next to its table; axe checks
 * the public page and the admin page.
 */
class StatisticsBrowserTest extends BrowserJourney {

    @Test
    void thePublicAndTheAdminPagesDrawTheirChartsFromTheTables() {
        browser.open(portal("/"));
        browser.click("#footer-statistics");
        browser.find("table#public");
        browser.find(".statistics-chart.is-drawn[data-chart-table='public'] canvas");
        assertThat(browser.text("table#public tfoot")).contains("Tổng cộng");
        browser.screenshot("statistics-public");

        browser.open(portal("/officer/queue"));
        logIn("quantri");
        browser.open(portal("/admin"));
        browser.click("#admin-statistics a");
        browser.find(".statistics-chart.is-drawn[data-chart-table='by-month'] canvas");
        browser.find(".statistics-chart.is-drawn[data-chart-table='by-procedure'] canvas");
        assertThat(browser.text("table#by-month thead")).contains("Hồ sơ đã nộp");
        browser.screenshot("statistics-admin");
    }
}
