package haven.query.admin;

import haven.infra.security.Staff;
import haven.query.admin.Processors.ProcessorView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shows each projection's progress and rebuilds a projection from the events. */
@RestController
@RequestMapping("/api/admin/processors")
class ProcessorAdminController {

    private final Processors processors;
    private final HavenOperators operators;

    ProcessorAdminController(Processors processors, HavenOperators operators) {
        this.processors = processors;
        this.operators = operators;
    }

    @GetMapping
    List<ProcessorView> processors(Staff staff) {
        operators.require(staff);
        return processors.all();
    }

    /** Replays every event into the projection: its reset handler clears it, side effects stay off. */
    @PostMapping("/{name}/replay")
    ResponseEntity<Rebuilds.Progress> replay(@PathVariable String name, Staff staff) {
        operators.require(staff);
        var progress = processors.rebuild(name);
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/processors/" + name + "/rebuild"))
                .body(progress);
    }

    /** How far a rebuild has come: events processed of the total, rate and time left. */
    @GetMapping("/{name}/rebuild")
    Rebuilds.Progress rebuild(@PathVariable String name, Staff staff) {
        operators.require(staff);
        return processors.progress(name);
    }
}
