package haven.command.requests;

/** One problem with a request, named by the JSON path of the field; never repeats the value sent. */
public record InvalidField(String field, String reason) {}
