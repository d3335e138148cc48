package vn.gov.portal.limits;

/** What a person may do only so many times in a window; the message code tells them how long to wait. */
public enum LimitedAction {
    SUBMISSION("limits.submissions"),
    UPLOAD("limits.uploads");

    private final String messageCode;

    LimitedAction(String messageCode) {
        this.messageCode = messageCode;
    }

    public String messageCode() {
        return messageCode;
    }
}
