package vn.gov.portal.population.synthetic;

import vn.gov.portal.population.Sex;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Vietnamese personal names: family name (họ), middle name (tên đệm) and given name (tên), written "Family Middle
 * Given". Family names follow their approximate national frequency (Nguyễn about 38%).
 */
final class VietnameseNames {

    private static final WeightedChoice<String> FAMILY = WeightedChoice.of(
            "Nguyễn", 380, "Trần", 110, "Lê", 95, "Phạm", 70, "Hoàng", 31, "Huỳnh", 20, "Phan", 45, "Vũ", 20,
            "Võ", 19, "Đặng", 21, "Bùi", 20, "Đỗ", 14, "Hồ", 13, "Ngô", 13, "Dương", 10, "Lý", 5,
            "Đinh", 8, "Đào", 6, "Trương", 6, "Trịnh", 5, "Lâm", 4, "Mai", 4, "Cao", 4, "Hà", 4, "Lương", 4,
            "Lưu", 3, "Tạ", 3, "Thái", 2, "Châu", 2, "Phùng", 2, "Triệu", 2, "Tô", 2, "Kiều", 1, "Quách", 1,
            "Tăng", 1);

    // Văn and Thị were near-universal for people born before the 1980s and are much rarer in younger generations.
    private static final WeightedChoice<String> MALE_MIDDLE_OLD = WeightedChoice.of(
            "Văn", 60, "Hữu", 8, "Đức", 8, "Minh", 5, "Quang", 5, "Công", 4, "Xuân", 4, "Ngọc", 3, "Thanh", 3);
    private static final WeightedChoice<String> MALE_MIDDLE_YOUNG = WeightedChoice.of(
            "Văn", 15, "Hữu", 6, "Đức", 10, "Minh", 12, "Quang", 8, "Công", 4, "Xuân", 3, "Gia", 8, "Hoàng", 6,
            "Tuấn", 5, "Quốc", 7, "Bảo", 6, "Trọng", 4, "Duy", 6, "Thành", 5, "Anh", 5);
    private static final WeightedChoice<String> FEMALE_MIDDLE_OLD = WeightedChoice.of(
            "Thị", 70, "Ngọc", 6, "Thu", 5, "Thanh", 5, "Mai", 3, "Kim", 4, "Hồng", 4, "Xuân", 3);
    private static final WeightedChoice<String> FEMALE_MIDDLE_YOUNG = WeightedChoice.of(
            "Thị", 20, "Ngọc", 10, "Thu", 7, "Thanh", 7, "Mai", 5, "Kim", 4, "Bảo", 6, "Phương", 6, "Khánh", 6,
            "Minh", 6, "Hoài", 4, "Thùy", 6, "Diệu", 3, "Như", 4, "Quỳnh", 5, "Hồng", 4);

    private static final WeightedChoice<String> MALE_GIVEN = WeightedChoice.uniform(List.of(
            "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Dương", "Hải", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy",
            "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân",
            "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
            "Bảo", "Phát", "Tâm", "Thái"));
    private static final WeightedChoice<String> FEMALE_GIVEN = WeightedChoice.uniform(List.of(
            "Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền",
            "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên",
            "Quỳnh", "Tâm", "Thảo", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Yến", "Hân", "Nhi",
            "Thư"));

    /** Lower-case ASCII forms of every name part, computed once: folding per person would dominate a 10M run. */
    private static final Map<String, String> ASCII = new HashMap<>();

    static {
        Stream.of(FAMILY, MALE_MIDDLE_OLD, MALE_MIDDLE_YOUNG, FEMALE_MIDDLE_OLD, FEMALE_MIDDLE_YOUNG, MALE_GIVEN,
                        FEMALE_GIVEN)
                .flatMap(choice -> choice.values().stream())
                .forEach(part -> ASCII.put(part, fold(part).toLowerCase()));
    }

    private VietnameseNames() {
    }

    static String familyName(SplittableRandom random) {
        return FAMILY.pick(random);
    }

    static String middleName(Sex sex, int birthYear, SplittableRandom random) {
        boolean older = birthYear < 1985;
        if (sex == Sex.M) {
            return (older ? MALE_MIDDLE_OLD : MALE_MIDDLE_YOUNG).pick(random);
        }
        return (older ? FEMALE_MIDDLE_OLD : FEMALE_MIDDLE_YOUNG).pick(random);
    }

    /** A given name that does not repeat the middle name ("Minh Minh" is not a name). */
    static String givenName(Sex sex, String middleName, SplittableRandom random) {
        WeightedChoice<String> names = sex == Sex.M ? MALE_GIVEN : FEMALE_GIVEN;
        String given = names.pick(random);
        while (given.equals(middleName)) {
            given = names.pick(random);
        }
        return given;
    }

    /** The lower-case ASCII form of a name part drawn from these lists, e.g. "Nguyễn" → "nguyen". */
    static String ascii(String namePart) {
        String folded = ASCII.get(namePart);
        return folded != null ? folded : fold(namePart).toLowerCase();
    }

    /** Strips Vietnamese diacritics; đ/Đ are letters of their own, not d plus a mark, so they are mapped by hand. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D');
    }
}
