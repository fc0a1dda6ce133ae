package haven.query.web;

/** A query parameter that passed type conversion but makes no sense; answered as a 400 naming it. */
public class InvalidParameter extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidParameter(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
