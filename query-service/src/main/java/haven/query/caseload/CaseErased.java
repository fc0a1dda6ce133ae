package haven.query.caseload;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Break-glass asked for on a case whose personal data is erased: nothing is left to read, and no reason is kept. */
class CaseErased extends ErrorResponseException {

    CaseErased() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT,
                "The case's personal data is erased: there is nothing left to read, and it takes no new reasons.");
        problem.setType(URI.create("urn:haven:problem:case-erased"));
        problem.setTitle("The case's personal data is erased");
        return problem;
    }
}
