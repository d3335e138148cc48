package vn.gov.portal.agency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.gov.portal.PortalIntegrationTest;

/** Agencies are held in memory, and one added through another instance is found at once all the same. */
class AgencyDirectoryTest extends PortalIntegrationTest {

    @Autowired
    AgencyDirectory directory;

    @Test
    void anAgencyAddedThroughAnotherInstanceIsFoundBeforeThisOneReadsThemAgain() {
        assertThat(directory.forCommune("COMMUNE_POLICE", "00304")).isPresent(); // the agencies are held now
        // written as another instance's admin page would, without telling this instance
        long id = jdbc.sql("""
                        insert into agency (unit_code, kind, name_vi, name_en, province_code, commune_code)
                        values ('TEST.ELSEWHERE', 'TEST_ELSEWHERE', 'Cơ quan thử', 'Test agency', '01', '00304')
                        returning id""").query(Long.class).single();
        try {
            assertThat(directory.find(id)).map(Agency::unitCode).contains("TEST.ELSEWHERE");
            assertThat(directory.forCommune("TEST_ELSEWHERE", "00304")).map(Agency::id).contains(id);
            assertThat(directory.forProvince("TEST_ELSEWHERE", "01")).isEmpty();
        } finally {
            jdbc.sql("delete from agency where id = ?").param(id).update();
        }
    }
}
