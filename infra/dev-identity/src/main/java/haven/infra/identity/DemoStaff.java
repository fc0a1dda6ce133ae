package haven.infra.identity;

import java.util.List;
import java.util.Optional;

/**
 * Made-up members of staff of the demo partnership's organisations ({@code HAVEN_PARTNERSHIP=demo}),
 * one or two per role. Not real people; every password is {@code demo}.
 */
record DemoStaff(String id, String organisation, String team, List<String> roles) {

    static final String PASSWORD = "demo";
    static final String COUNCIL = "castle-council";
    static final String POLICE = "castle-police";
    static final String HOUSING = "castle-homes";

    static final List<DemoStaff> ALL = List.of(
            new DemoStaff("rep.khan", COUNCIL, null, List.of("REPORTER")),
            new DemoStaff("cw.patel", COUNCIL, "equality", List.of("CASEWORKER")),
            new DemoStaff("cw.lee", COUNCIL, "equality", List.of("CASEWORKER")),
            new DemoStaff("mgr.jones", COUNCIL, "equality", List.of("CASE_MANAGER")),
            // a manager of another team, who hears appeals against the equality team's decisions
            new DemoStaff("mgr.ahmed", COUNCIL, "people-services", List.of("CASE_MANAGER")),
            new DemoStaff("board.chair", COUNCIL, null, List.of("BOARD")),
            new DemoStaff("chair.partnership", COUNCIL, null, List.of("PARTNERSHIP_BOARD")),
            new DemoStaff("dpo.smith", COUNCIL, null, List.of("ADMIN")),
            // a volunteer at a third-party reporting centre the council runs with the library service
            new DemoStaff("vol.okoro", COUNCIL, "castle-library", List.of("REPORTING_CENTRE")),
            new DemoStaff("sgt.evans", POLICE, "hate-crime-unit", List.of("CASE_MANAGER")),
            new DemoStaff("pc.morgan", POLICE, "hate-crime-unit", List.of("CASEWORKER")),
            new DemoStaff("dpo.hughes", POLICE, null, List.of("ADMIN")),
            new DemoStaff("hm.ali", HOUSING, "tenancy-support", List.of("CASE_MANAGER")),
            new DemoStaff("ho.price", HOUSING, "tenancy-support", List.of("CASEWORKER")),
            new DemoStaff("dpo.brown", HOUSING, null, List.of("ADMIN")));

    static Optional<DemoStaff> find(String id) {
        return ALL.stream().filter(staff -> staff.id().equals(id)).findFirst();
    }
}
