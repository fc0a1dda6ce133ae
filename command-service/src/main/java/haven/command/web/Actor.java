package haven.command.web;

/**
 * The member of staff a command is done by, recorded in its event.
 *
 * <p>Until sign-in arrives (the confidentiality issue), it is read from the {@code X-Haven-User}
 * header by {@link ActorResolver}; that resolver is the one place to change.
 */
public record Actor(String id) {
}
