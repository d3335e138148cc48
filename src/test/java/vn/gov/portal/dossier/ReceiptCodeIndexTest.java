package vn.gov.portal.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.portal.PortalIntegrationTest;

/** One index on the receipt code (V28) keeps codes unique and serves both a code's lookup and the prefix search. */
class ReceiptCodeIndexTest extends PortalIntegrationTest {

    @Autowired
    TransactionTemplate transactions;

    private void dossierWithCode(UUID id, String receiptCode) {
        jdbc.sql("""
                        insert into dossier (id, procedure_code, procedure_version, applicant_id_number, applicant_name,
                                             state, status_code, receipt_code)
                        values (?, 'temporary-residence', 1, '099999999999', 'Nguyễn Văn Chỉ Mục', 'submitted', 1, ?)
                        """).params(id, receiptCode).update();
    }

    @Test
    void twoDossiersCannotShareAReceiptCode() {
        dossierWithCode(DossierIds.next(), "TEST.INDEX-261204-0001");
        UUID second = DossierIds.next();
        assertThatThrownBy(() -> dossierWithCode(second, "TEST.INDEX-261204-0001"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.sql("select count(*) from dossier where id = ?").param(second).query(Long.class).single())
                .isZero();
    }

    @Test
    void theCodesLookupAndThePrefixSearchUseTheOneUniqueIndex() {
        dossierWithCode(DossierIds.next(), "TEST.PLAN-261204-0001");
        List<String> plans = transactions.execute(tx -> {
            jdbc.sql("set local enable_seqscan = off").update();
            jdbc.sql("set local enable_bitmapscan = off").update();
            return List.of(
                    plan("explain select id from dossier where receipt_code = 'TEST.PLAN-261204-0001'"),
                    plan("explain select id from dossier where receipt_code like 'TEST.PLAN-2612%'"));
        });
        assertThat(plans).allSatisfy(plan -> assertThat(plan).contains("dossier_receipt_code"));
        assertThat(jdbc.sql("select indexname from pg_indexes where tablename = 'dossier' and indexdef like '%receipt_code%'")
                .query(String.class).list()).containsExactly("dossier_receipt_code");
    }

    private String plan(String explain) {
        return String.join("\n", jdbc.sql(explain).query(String.class).list());
    }
}
