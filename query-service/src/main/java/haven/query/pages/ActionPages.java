package haven.query.pages;

import haven.events.CaseId;
import haven.infra.security.Staff;
import haven.query.record.CaseRecords;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/** Your actions: what you agreed to do on any case, due and overdue, marked done here. */
@Controller
class ActionPages {

    private final CaseRecords records;
    private final CommandService commands;
    private final FreshViews freshViews;

    ActionPages(CaseRecords records, CommandService commands, FreshViews freshViews) {
        this.records = records;
        this.commands = commands;
        this.freshViews = freshViews;
    }

    @GetMapping("/actions")
    ModelAndView mine(@RequestParam(defaultValue = "false") boolean done, Staff staff) {
        return new ModelAndView("actions/mine", Map.of("actions", records.actionsOwnedBy(staff), "done", done));
    }

    @PostMapping("/actions/{caseId}/{actionId}/completion")
    String complete(@PathVariable String caseId, @PathVariable String actionId) {
        if (!CaseId.isWellFormed(caseId) || !CaseId.isWellFormed(actionId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        var answer = commands.actAs(
                HttpMethod.POST, "/api/cases/{caseId}/actions/{actionId}/completion", null, caseId, actionId);
        if (!answer.succeeded()) {
            throw new ResponseStatusException(HttpStatus.valueOf(answer.status()));
        }
        freshViews.await();
        return "redirect:/actions?done=true";
    }
}
