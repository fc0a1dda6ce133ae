package haven.query.record;

import haven.infra.security.Staff;
import haven.query.record.CaseRecords.CaseRecord;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CaseRecordController {

    private final CaseRecords records;

    CaseRecordController(CaseRecords records) {
        this.records = records;
    }

    /** The report, notes, actions, messages and resolution, opened; every read is in the access log. */
    @GetMapping("/api/cases/{caseId}/record")
    CaseRecord record(@PathVariable String caseId, Staff staff) {
        return records.read(caseId, staff);
    }
}
