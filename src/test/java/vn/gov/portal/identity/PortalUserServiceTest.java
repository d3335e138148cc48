package vn.gov.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortalUserServiceTest {

    @Test
    void anIdNumberMustAgreeWithTheTokensBirthDate() {
        assertThat(PortalUserService.agreesWithBirthDate("001090000042", "1990-03-15")).isTrue();
        assertThat(PortalUserService.agreesWithBirthDate("001090000042", "1991-03-15")).isFalse();
        assertThat(PortalUserService.agreesWithBirthDate("001090000042", "not a date")).isFalse();
        assertThat(PortalUserService.agreesWithBirthDate("001090000042", null)).isTrue();
    }

    @Test
    void theLevelClaimIsReadAsNumberOrTextAndAnythingElseIsTheLowest() {
        assertThat(PortalUserService.level(2)).isEqualTo(2);
        assertThat(PortalUserService.level("2")).isEqualTo(2);
        assertThat(PortalUserService.level("IAL2")).isEqualTo(2);
        assertThat(PortalUserService.level("loa-2")).isEqualTo(2);
        assertThat(PortalUserService.level(" LoA1 ")).isEqualTo(1);
        assertThat(PortalUserService.level("AAL2")).isEqualTo(1);
        assertThat(PortalUserService.level("22")).isEqualTo(1);
        assertThat(PortalUserService.level("high")).isEqualTo(1);
        assertThat(PortalUserService.level(null)).isEqualTo(1);
    }
}
