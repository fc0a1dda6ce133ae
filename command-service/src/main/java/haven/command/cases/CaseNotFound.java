package haven.command.cases;

import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Refuses someone who may not work on a case exactly as if it did not exist, so that a refusal
 * does not tell a named party or an unassigned caseworker that there is such a case.
 */
class CaseNotFound extends AggregateNotFoundException {

    CaseNotFound(String caseId) {
        super(caseId, "No such case");
    }
}
