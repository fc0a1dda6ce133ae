package haven.events;

/** A named reporter's identity and contact details. Personal data: every field. */
public record Reporter(String name, String email, String phone) {}
