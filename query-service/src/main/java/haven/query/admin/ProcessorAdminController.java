package haven.query.admin;

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

    ProcessorAdminController(Processors processors) {
        this.processors = processors;
    }

    @GetMapping
    List<ProcessorView> processors() {
        return processors.all();
    }

    /** Replays every event into the projection: its reset handler clears it, side effects stay off. */
    @PostMapping("/{name}/replay")
    ResponseEntity<Rebuilds.Progress> replay(@PathVariable String name) {
        var progress = processors.rebuild(name);
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/processors/" + name + "/rebuild"))
                .body(progress);
    }

    /** How far a rebuild has come: events processed of the total, rate and time left. */
    @GetMapping("/{name}/rebuild")
    Rebuilds.Progress rebuild(@PathVariable String name) {
        return processors.progress(name);
    }
}
