package vn.gov.portal.population.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** The detail part of an address (below the commune): house number and lane, or the hamlet / residential group. */
final class Addresses {

    private static final List<String> STREETS = List.of(
            "Trần Phú", "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung", "Hùng Vương",
            "Điện Biên Phủ", "Nguyễn Trãi", "Lê Duẩn", "Phan Chu Trinh", "Trần Hưng Đạo", "Nguyễn Du",
            "Hoàng Diệu", "Lê Thánh Tông", "Bà Triệu", "Nguyễn Thị Minh Khai", "Võ Thị Sáu", "Ngô Quyền",
            "Phạm Văn Đồng", "Tôn Đức Thắng", "Nguyễn Văn Cừ", "Lạc Long Quân", "Âu Cơ", "Chu Văn An",
            "Lê Hồng Phong", "Phan Đình Phùng", "Nguyễn Chí Thanh", "Cách Mạng Tháng Tám", "Trường Chinh",
            "Võ Nguyên Giáp", "Hoàng Văn Thụ", "Nguyễn Văn Linh", "Lý Tự Trọng", "Pasteur");

    private Addresses() {
    }

    static String detail(SplittableRandom random) {
        int kind = random.nextInt(100);
        if (kind < 40) {
            return "Số " + number(random, 300) + ", ngõ " + number(random, 200) + ", đường " + street(random);
        }
        if (kind < 65) {
            return "Số " + number(random, 500) + ", đường " + street(random);
        }
        if (kind < 75) {
            // the southern "hẻm" style: house 12 in alley 45 of the street
            return "Số " + number(random, 200) + "/" + number(random, 80) + ", đường " + street(random);
        }
        if (kind < 88) {
            return "Tổ dân phố " + number(random, 40);
        }
        if (kind < 96) {
            return "Thôn " + number(random, 15);
        }
        return "Khu phố " + number(random, 12);
    }

    private static int number(SplittableRandom random, int max) {
        return 1 + random.nextInt(max);
    }

    private static String street(SplittableRandom random) {
        return STREETS.get(random.nextInt(STREETS.size()));
    }
}
