package haven.query.record;

import haven.infra.security.Staff;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The archive of an organisation leaving the partnership, for its data protection officer. */
@RestController
class ArchiveController {

    private final OrganisationArchive archive;

    ArchiveController(OrganisationArchive archive) {
        this.archive = archive;
    }

    @GetMapping("/api/admin/organisation/archive")
    ResponseEntity<StreamingResponseBody> archive(Staff officer) {
        return archive.prepare(officer).download();
    }
}
