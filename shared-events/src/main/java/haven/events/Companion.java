package haven.events;

/**
 * Who accompanies the reporter to a formal meeting (the statutory right to be accompanied): a
 * colleague or a trade union representative, or nobody. Personal data as a whole (sealed where it
 * is kept, as {@link MeetingScheduled#companion}).
 */
public record Companion(Role role, String name) {

    public enum Role {
        COLLEAGUE,
        TRADE_UNION_REPRESENTATIVE,
        /** the reporter was offered a companion and chose to come alone */
        NONE
    }
}
