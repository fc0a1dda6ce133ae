package haven.command.retention;

import haven.command.requests.InvalidField;
import haven.command.requests.InvalidRequest;
import haven.infra.security.Staff;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The data protection officer of an organisation leaving the partnership erases all its cases. */
@RestController
class DepartureController {

    /** {@code confirm}: the organisation's id, typed by the officer, so that nobody erases everything by mistake. */
    record DepartureRequest(@NotBlank @Size(max = 40) String confirm) {}

    private final Departure departure;

    DepartureController(Departure departure) {
        this.departure = departure;
    }

    @PostMapping("/api/admin/organisation/departure")
    Departure.Result depart(@Valid @RequestBody DepartureRequest r, Staff staff) {
        if (!r.confirm().equals(staff.organisation())) {
            throw new InvalidRequest(List.of(new InvalidField("confirm", "must be your organisation's id")));
        }
        return departure.eraseAllCasesOf(staff);
    }
}
