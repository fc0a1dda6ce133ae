package haven.query.timeline;

import haven.infra.security.Staff;
import haven.query.timeline.Timelines.Timeline;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TimelineController {

    private final Timelines timelines;

    TimelineController(Timelines timelines) {
        this.timelines = timelines;
    }

    /** The audit trail of everything written to the case, oldest first. */
    @GetMapping("/api/cases/{caseId}/timeline")
    Timeline timeline(@PathVariable String caseId, Staff staff) {
        return timelines.timeline(caseId, staff);
    }
}
