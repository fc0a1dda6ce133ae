package haven.command.requests;

import java.util.List;

/** A request whose fields are individually well-formed but do not fit together. */
public class InvalidRequest extends RuntimeException {

    private final List<InvalidField> fields;

    public InvalidRequest(List<InvalidField> fields) {
        super("invalid fields: " + fields.stream().map(InvalidField::field).toList(), null, false, false);
        this.fields = List.copyOf(fields);
    }

    public static void rejectIfAny(List<InvalidField> fields) {
        if (!fields.isEmpty()) {
            throw new InvalidRequest(fields);
        }
    }

    public List<InvalidField> fields() {
        return fields;
    }
}
