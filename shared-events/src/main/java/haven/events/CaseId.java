package haven.events;

import java.util.Objects;

/** Identity of a case; its string form is the aggregate identifier in the event store. */
public record CaseId(String value) {

    public CaseId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
