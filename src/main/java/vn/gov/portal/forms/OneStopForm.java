package vn.gov.portal.forms;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vn.gov.portal.catalog.FormSet;

/**
 * The forms the portal issues to a dossier's citizen, by their number: those of Circular 01/2018/TT-VPCP (01–04), the
 * result notice, and the residence forms of Circular 66/2023/TT-BCA that replace them for residence procedures. A
 * procedure's definition says which set its dossiers get ({@link FormSet}); the apology letter (04) has no residence
 * counterpart and belongs to both.
 */
public enum OneStopForm {
    RECEIPT("01", Kind.RECEIPT, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", Circular.ONE_STOP, FormSet.ONE_STOP),
    SUPPLEMENTATION("02", Kind.SUPPLEMENTATION, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", Circular.ONE_STOP,
            FormSet.ONE_STOP),
    REFUSAL("03", Kind.REFUSAL, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", Circular.ONE_STOP, FormSet.ONE_STOP),
    APOLOGY("04", Kind.APOLOGY, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", Circular.ONE_STOP, FormSet.ONE_STOP,
            FormSet.RESIDENCE),
    /** Not a form of the circular: the notice of the result, signed by the approving leader. */
    RESULT("kq", Kind.RESULT, "THÔNG BÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", null, FormSet.ONE_STOP),
    RESIDENCE_RECEIPT("CT04", Kind.RECEIPT, "PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", Circular.RESIDENCE,
            FormSet.RESIDENCE),
    RESIDENCE_SUPPLEMENTATION("CT05", Kind.SUPPLEMENTATION, "PHIẾU HƯỚNG DẪN BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            Circular.RESIDENCE, FormSet.RESIDENCE),
    RESIDENCE_REFUSAL("CT06", Kind.REFUSAL, "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", Circular.RESIDENCE,
            FormSet.RESIDENCE),
    RESIDENCE_RESULT("CT08", Kind.RESULT, "THÔNG BÁO VỀ KẾT QUẢ GIẢI QUYẾT, HỦY BỎ ĐĂNG KÝ CƯ TRÚ", Circular.RESIDENCE,
            FormSet.RESIDENCE);

    /** What a form records, whichever circular it follows: the timeline event it carries the note of. */
    public enum Kind {
        RECEIPT(null), SUPPLEMENTATION("request-supplement"), REFUSAL("refuse"), APOLOGY("extend-deadline"),
        RESULT("approve");

        private final String event;

        Kind(String event) {
            this.event = event;
        }
    }

    /** The circular a form belongs to, as printed under its title. */
    enum Circular {
        ONE_STOP("Thông tư 01/2018/TT-VPCP"), RESIDENCE("Thông tư 66/2023/TT-BCA");

        final String name;

        Circular(String name) {
            this.name = name;
        }
    }

    private final String number;
    private final Kind kind;
    private final String title;
    private final Circular circular;
    private final List<FormSet> sets;

    OneStopForm(String number, Kind kind, String title, Circular circular, FormSet... sets) {
        this.number = number;
        this.kind = kind;
        this.title = title;
        this.circular = circular;
        this.sets = List.of(sets);
    }

    public String number() {
        return number;
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    Circular circular() {
        return circular;
    }

    /** The timeline event whose note the form carries (the reason, what is missing); none for the receipt. */
    public String event() {
        return kind.event;
    }

    /** The forms of a set, in the order of their circulars. */
    public static List<OneStopForm> of(FormSet set) {
        return Arrays.stream(values()).filter(f -> f.sets.contains(set)).toList();
    }

    /** The receipt of a set: issued with every submission. */
    public static OneStopForm receiptOf(FormSet set) {
        return of(set).stream().filter(f -> f.kind == Kind.RECEIPT).findFirst().orElseThrow();
    }

    public static Optional<OneStopForm> byNumber(String number) {
        return Arrays.stream(values()).filter(f -> f.number.equals(number)).findFirst();
    }
}
