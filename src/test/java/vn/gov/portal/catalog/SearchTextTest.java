package vn.gov.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void foldingDropsVietnameseMarksAndCase() {
        assertThat(SearchText.fold("Đăng ký tạm trú")).isEqualTo("dang ky tam tru");
        assertThat(SearchText.fold("HỘ CHIẾU")).isEqualTo("ho chieu");
        assertThat(SearchText.fold("Giải quyết hưởng trợ cấp thất nghiệp"))
                .isEqualTo("giai quyet huong tro cap that nghiep");
        assertThat(SearchText.fold("đường Điện Biên Phủ")).isEqualTo("duong dien bien phu");
    }

    @Test
    void composedAndDecomposedInputFoldAlike() {
        String decomposed = Normalizer.normalize("Căn cước", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo("Căn cước");
        assertThat(SearchText.fold(decomposed)).isEqualTo(SearchText.fold("Căn cước")).isEqualTo("can cuoc");
    }

    @Test
    void punctuationSeparatesWordsAndDigitsStay() {
        assertThat(SearchText.fold("  Liên thông: khai sinh – thường trú (BHYT), 1.004194 ")).isEqualTo(
                "lien thong khai sinh thuong tru bhyt 1 004194");
        assertThat(SearchText.words("Xe mô tô, xe gắn máy")).containsExactly("xe", "mo", "to", "xe", "gan", "may");
        assertThat(SearchText.words("driver's licence")).containsExactly("driver", "s", "licence");
    }

    @Test
    void nothingFoldsToNothing() {
        assertThat(SearchText.fold(null)).isEmpty();
        assertThat(SearchText.fold(" – ; ")).isEmpty();
        assertThat(SearchText.words("  ")).isEmpty();
    }
}
