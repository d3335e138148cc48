package vn.gov.portal.forms;

import java.util.Optional;

/** The forms of Circular 01/2018/TT-VPCP the portal issues, by their number in the circular, and the result notice. */
public enum OneStopForm {
    RECEIPT("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", null),
    SUPPLEMENTATION("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "request-supplement"),
    REFUSAL("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "refuse"),
    APOLOGY("04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "extend-deadline"),
    /** Not a form of the circular: the notice of the result, signed by the approving leader. */
    RESULT("kq", "THÔNG BÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "approve");

    private final String number;
    private final String title;
    private final String event;

    OneStopForm(String number, String title, String event) {
        this.number = number;
        this.title = title;
        this.event = event;
    }

    public String number() {
        return number;
    }

    public String title() {
        return title;
    }

    /** The timeline event whose note the form carries (the reason, what is missing); none for the receipt. */
    public String event() {
        return event;
    }

    public static Optional<OneStopForm> byNumber(String number) {
        for (OneStopForm form : values()) {
            if (form.number.equals(number)) {
                return Optional.of(form);
            }
        }
        return Optional.empty();
    }
}
