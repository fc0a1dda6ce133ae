package haven.infra.identity;

import java.util.List;
import java.util.Optional;

/** Made-up members of staff, one or two per role. Not real people; every password is {@code demo}. */
record DemoStaff(String id, String team, List<String> roles) {

    static final String PASSWORD = "demo";

    static final List<DemoStaff> ALL = List.of(
            new DemoStaff("rep.khan", null, List.of("REPORTER")),
            new DemoStaff("cw.patel", "equality", List.of("CASEWORKER")),
            new DemoStaff("cw.lee", "equality", List.of("CASEWORKER")),
            new DemoStaff("mgr.jones", "equality", List.of("CASE_MANAGER")),
            new DemoStaff("board.chair", null, List.of("BOARD")),
            new DemoStaff("dpo.smith", null, List.of("ADMIN")));

    static Optional<DemoStaff> find(String id) {
        return ALL.stream().filter(staff -> staff.id().equals(id)).findFirst();
    }
}
