package haven.query.reporter;

/** Where a report stands, in the words a reporter reads. */
enum Stage {
    RECEIVED("We have received your report.", "A caseworker will look at it soon and may write to you here."),
    BEING_LOOKED_INTO(
            "A caseworker is looking into your report.",
            "They may write to you here. You can reply or add anything you remember."),
    RESOLVED(
            "Your report has been resolved.",
            "If you disagree with the outcome you can ask for it to be looked at again before the appeal date."),
    CLOSED("Your case is closed.", "You can still write to the case team here."),
    REOPENED("Your case has been reopened and is being looked at again.", "A caseworker may write to you here."),
    APPEALED(
            "We have received your appeal.",
            "A manager who took no part in the decision will hear it, and may invite you to a meeting. We will write to you here."),
    APPEAL_DECIDED(
            "Your appeal has been decided.",
            "The decision on your appeal is final. You can still write to the case team here."),
    ERASED(
            "Your case is closed and its details have been deleted.",
            "We keep the details of a case only for a limited time. If something new has happened, please make a new report.");

    final String status;
    final String nextStep;

    Stage(String status, String nextStep) {
        this.status = status;
        this.nextStep = nextStep;
    }
}
