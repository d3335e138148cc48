package vn.gov.portal.limits;

/** What a person may do only so many times in a window; the message code tells them how long to wait. */
public enum LimitedAction {
    SUBMISSION("limits.submissions"),
    UPLOAD("limits.uploads"),
    /** Looking up another person by a number typed in a form: counted once per distinct number in its window. */
    PERSON_LOOKUP("limits.lookups");

    private final String messageCode;

    LimitedAction(String messageCode) {
        this.messageCode = messageCode;
    }

    public String messageCode() {
        return messageCode;
    }
}
