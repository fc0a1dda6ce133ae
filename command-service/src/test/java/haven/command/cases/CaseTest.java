package haven.command.cases;

import haven.events.ActionAgreed;
import haven.events.ActionCompleted;
import haven.events.ActionFallsDue;
import haven.events.AppealDecided;
import haven.events.AppealHearerAppointed;
import haven.events.AppealLodged;
import haven.events.AppealOutcome;
import haven.events.CaseClosed;
import haven.events.CaseEscalated;
import haven.events.CaseId;
import haven.events.CaseReassigned;
import haven.events.CaseReferred;
import haven.events.CaseReopened;
import haven.events.CaseResolved;
import haven.events.CaseTriaged;
import haven.events.CaseworkerAssigned;
import haven.events.Category;
import haven.events.CheckInAnswered;
import haven.events.CheckInSent;
import haven.events.Companion;
import haven.events.ConflictOfInterestDeclared;
import haven.events.ConsentToShareChanged;
import haven.events.ContactPreference;
import haven.events.DeadlineBasis;
import haven.events.DeadlinesSet;
import haven.events.ErasureReason;
import haven.events.EscalationReason;
import haven.events.EvidenceAttached;
import haven.events.ExclusionLifted;
import haven.events.FollowUpKey;
import haven.events.HistoricalCaseImported;
import haven.events.InvestigationNoteAdded;
import haven.events.LegalHoldLifted;
import haven.events.LegalHoldPlaced;
import haven.events.LetterKind;
import haven.events.LetterSent;
import haven.events.LocationType;
import haven.events.MeetingAdjourned;
import haven.events.MeetingKind;
import haven.events.MeetingNotesRecorded;
import haven.events.MeetingNotesShared;
import haven.events.MeetingScheduled;
import haven.events.MessageFromReporterReceived;
import haven.events.MessageToReporterSent;
import haven.events.MonitoredStrand;
import haven.events.MonitoringReturned;
import haven.events.Motivation;
import haven.events.Outcome;
import haven.events.PastIncident;
import haven.events.PersonalDataErased;
import haven.events.PoliceClassification;
import haven.events.PoliceReportRecorded;
import haven.events.ProtectedCharacteristic;
import haven.events.RedactionMade;
import haven.events.ReferralBasis;
import haven.events.ReferralReceived;
import haven.events.ReportDetails;
import haven.events.ReportRoutedToTeam;
import haven.events.ReportSubmitted;
import haven.events.ReportType;
import haven.events.Reporter;
import haven.events.ReporterMessagesRead;
import haven.events.ReporterRole;
import haven.events.RespondentRecorded;
import haven.events.RespondentRelationship;
import haven.events.RespondentStep;
import haven.events.RespondentStepTaken;
import haven.events.RiskLevel;
import haven.events.Route;
import haven.events.StaffMemberNamed;
import haven.infra.council.Areas;
import haven.infra.council.Partnership;
import haven.infra.council.ServiceLevels;
import haven.infra.council.UkCalendar;
import haven.infra.privacy.StaffPseudonyms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CaseTest {

    static final CaseId ID = new CaseId("case-1");
    static final Instant RESOLVED_AT = Instant.parse("2026-11-02T10:00:00Z");
    static final Instant APPEAL_DEADLINE = Instant.parse("2026-11-30T10:00:00Z");

    static final FollowUpKey KEY = new FollowUpKey("HV-7K3M-Q9", "$2a$10$hash");
    static final ReportDetails ON_THE_BUS = new ReportDetails(
            ReportType.HATE_INCIDENT,
            Category.VERBAL_ABUSE,
            LocalDate.parse("2026-10-01"),
            LocationType.PUBLIC_TRANSPORT,
            "Chelmsford",
            Set.of(Motivation.RACE),
            ReporterRole.VICTIM,
            true,
            null,
            ContactPreference.FOLLOW_UP_ONLY,
            "Shouted at on the bus",
            List.of(),
            false,
            false);
    /** A Thursday: due for triage the next working day, Friday 2 October. */
    static final Instant RECEIVED_AT = Instant.parse("2026-10-01T09:00:00Z");

    static final DeadlinesSet DUE_FOR_TRIAGE =
            new DeadlinesSet(ID, LocalDate.parse("2026-10-02"), null, null, DeadlineBasis.RECEIPT);
    static final ReportSubmitted SUBMITTED = ReportSubmitted.of(ID, KEY, ON_THE_BUS, "council");
    static final ReportRoutedToTeam ROUTED = new ReportRoutedToTeam(ID, "equality", "council");
    static final CaseTriaged TRIAGED = new CaseTriaged(
            ID,
            Category.VERBAL_ABUSE,
            Set.of(ProtectedCharacteristic.RACE),
            Set.of(MonitoredStrand.RACE),
            RiskLevel.MEDIUM,
            Route.FORMAL_INVESTIGATION,
            LocalDate.parse("2026-10-05"),
            LocalDate.parse("2026-11-10"),
            "cw.patel",
            null);
    static final CaseworkerAssigned ASSIGNED = new CaseworkerAssigned(ID, "cw.patel", "equality", "mgr.jones");
    static final CaseResolved RESOLVED =
            new CaseResolved(ID, Outcome.UPHELD, "Apology and training", APPEAL_DEADLINE, "cw.patel");
    static final CaseClosed CLOSED = new CaseClosed(ID, "cw.patel");
    static final ActionAgreed ACTION = new ActionAgreed(
            ID, "a-1", "Refresher training for the team", "mgr.jones", LocalDate.parse("2026-11-20"), "cw.patel");

    FixtureConfiguration<Case> fixture;

    /** Who sends a test's command unless it says otherwise: the manager of the case's team. */
    static final MetaData MANAGER = Acting.metaData("mgr.jones", List.of("CASE_MANAGER"), "equality");
    /** A command that came with no signed-in member of staff behind it. */
    static final Map<String, String> NOBODY = Map.of("staff", "someone");

    @BeforeEach
    void setUp() {
        fixture = fixtureFor(Partnership.load(""));
    }

    /** The case as a partnership of these organisations has it (the bundled one: one organisation). */
    static FixtureConfiguration<Case> fixtureFor(Partnership partnership) {
        var fixture = new AggregateTestFixture<>(Case.class);
        fixture.registerInjectableResource(PSEUDONYMS);
        fixture.registerInjectableResource(partnership);
        fixture.registerInjectableResource(Areas.load(""));
        fixture.registerInjectableResource(new CaseTexts(fixture.getEventStore()));
        fixture.registerInjectableResource(dueDates(partnership));
        fixture.registerCommandDispatchInterceptor(commands ->
                (i, command) -> command.getMetaData().containsKey("staff") ? command : command.andMetaData(MANAGER));
        return fixture;
    }

    static final ServiceLevels SERVICE_LEVELS = new ServiceLevels(
            1,
            Map.of(RiskLevel.LOW, 5, RiskLevel.MEDIUM, 3, RiskLevel.HIGH, 1),
            Map.of(RiskLevel.LOW, 60, RiskLevel.MEDIUM, 40, RiskLevel.HIGH, 20),
            10);

    static DueDates dueDates(Partnership partnership) {
        return new DueDates(
                new CasePolicy(
                        Duration.ofDays(28), SERVICE_LEVELS, UkCalendar.ENGLAND_AND_WALES, java.time.Period.ofDays(42)),
                partnership,
                Clock.system(ZoneId.of("Europe/London")));
    }

    static final StaffPseudonyms PSEUDONYMS = new StaffPseudonyms("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

    static MetaData caseworker(String id) {
        return Acting.metaData(id, List.of("CASEWORKER"), "equality");
    }

    @Nested
    class History {

        final ImportHistoricalCase imported = new ImportHistoricalCase(
                ID,
                new PastIncident(
                        ReportType.HATE_INCIDENT,
                        Category.THREATS,
                        YearMonth.of(2021, 6),
                        "CASTLE",
                        null,
                        null,
                        Set.of(Motivation.RACE),
                        Set.of(ProtectedCharacteristic.RACE),
                        Set.of(MonitoredStrand.RACE),
                        Outcome.UPHELD,
                        LocalDate.parse("2021-07-30")),
                "dpo.smith",
                "council");

        @Test
        void anOldLogsIncidentBecomesAClosedCaseAsItEnded() {
            fixture.givenNoPriorActivity()
                    .when(imported)
                    .expectEvents(new HistoricalCaseImported(
                            ID,
                            ReportType.HATE_INCIDENT,
                            Category.THREATS,
                            YearMonth.of(2021, 6),
                            "CASTLE",
                            null,
                            null,
                            Set.of(Motivation.RACE),
                            Set.of(ProtectedCharacteristic.RACE),
                            Set.of(MonitoredStrand.RACE),
                            Outcome.UPHELD,
                            LocalDate.parse("2021-07-30"),
                            "dpo.smith",
                            "council"));
        }

        @Test
        void anImportedCaseCanBeErasedLikeAnyClosedCase() {
            var dpo = Acting.metaData("dpo.smith", List.of("ADMIN"), null);
            var historical = new HistoricalCaseImported(
                    ID,
                    ReportType.HATE_INCIDENT,
                    Category.THREATS,
                    YearMonth.of(2021, 6),
                    "CASTLE",
                    null,
                    null,
                    Set.of(),
                    Set.of(),
                    Set.of(),
                    Outcome.UPHELD,
                    LocalDate.parse("2021-07-30"),
                    "dpo.smith",
                    "council");
            fixture.given(historical)
                    .when(new ErasePersonalData(ID, ErasureReason.ERASURE_REQUEST, "dpo.smith"), dpo)
                    .expectEvents(new PersonalDataErased(ID, ErasureReason.ERASURE_REQUEST, "dpo.smith"));
        }
    }

    @Nested
    class Erasure {

        final MetaData dpo = Acting.metaData("dpo.smith", List.of("ADMIN"), null);
        final ErasePersonalData erase = new ErasePersonalData(ID, ErasureReason.RETENTION_PERIOD_ENDED, "dpo.smith");
        final PersonalDataErased erased = new PersonalDataErased(ID, ErasureReason.RETENTION_PERIOD_ENDED, "dpo.smith");

        @Test
        void theDataProtectionOfficerErasesAClosedCaseOnce() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED).when(erase, dpo).expectEvents(erased);
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED, erased)
                    .when(erase, dpo)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aCaseUnderLegalHoldIsNotErasedUntilTheHoldIsLifted() {
            var held = new LegalHoldPlaced(ID, "Employment tribunal claim lodged", "dpo.smith");
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED, held)
                    .when(erase, dpo)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED, held, new LegalHoldLifted(ID, "dpo.smith"))
                    .when(erase, dpo)
                    .expectEvents(erased);
        }

        @Test
        void onlyTheDataProtectionOfficerHoldsACaseAndOnlyOnce() {
            var hold = new PlaceLegalHold(ID, "Employment tribunal claim lodged", "dpo.smith");
            fixture.given(SUBMITTED)
                    .when(hold, dpo)
                    .expectEvents(new LegalHoldPlaced(ID, "Employment tribunal claim lodged", "dpo.smith"));
            fixture.given(SUBMITTED)
                    .when(hold, MANAGER)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, new LegalHoldPlaced(ID, "Claim", "dpo.smith"))
                    .when(hold, dpo)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            fixture.given(SUBMITTED)
                    .when(new LiftLegalHold(ID, "dpo.smith"), dpo)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void anOpenCaseIsNotErased() {
            fixture.given(SUBMITTED, TRIAGED).when(erase, dpo).expectNoEvents().expectException(RuleViolation.class);
        }

        @Test
        void aCaseNeverClosedIsClosedAsItIsErasedForInactivityWhateverItsStage() {
            var idle = new ErasePersonalData(ID, ErasureReason.NO_ACTIVITY_FOR_RETENTION_PERIOD, "retention-policy");
            var idleErased =
                    new PersonalDataErased(ID, ErasureReason.NO_ACTIVITY_FOR_RETENTION_PERIOD, "retention-policy");
            fixture.given(SUBMITTED).when(idle, dpo).expectEvents(new CaseClosed(ID, "retention-policy"), idleErased);
            fixture.given(SUBMITTED, TRIAGED, RESOLVED)
                    .when(idle, dpo)
                    .expectEvents(new CaseClosed(ID, "retention-policy"), idleErased);
            fixture.given(SUBMITTED, new LegalHoldPlaced(ID, "Police investigation", "dpo.smith"))
                    .when(idle, dpo)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void everyCaseOfAnOrganisationLeavingIsClosedAndErasedUnlessHeld() {
            var leaving = new ErasePersonalData(ID, ErasureReason.ORGANISATION_LEFT, "dpo.smith");
            var erased = new PersonalDataErased(ID, ErasureReason.ORGANISATION_LEFT, "dpo.smith");
            fixture.given(SUBMITTED, TRIAGED).when(leaving, dpo).expectEvents(new CaseClosed(ID, "dpo.smith"), erased);
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(leaving, dpo)
                    .expectEvents(erased);
            fixture.given(SUBMITTED, new LegalHoldPlaced(ID, "Tenancy tribunal", "dpo.smith"))
                    .when(leaving, dpo)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void anErasedCaseTakesNoNewPersonalDataFromTheReporterOrStaff() {
            var history = new Object[] {SUBMITTED, TRIAGED, RESOLVED, CLOSED, erased};
            fixture.given(history)
                    .when(new ReceiveMessageFromReporter(ID, "m-9", "Hello?"), NOBODY)
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(RuleViolation.CASE_ERASED);
            fixture.given(history)
                    .when(new AddInvestigationNote(ID, "n-9", "Note", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage(RuleViolation.CASE_ERASED);
            fixture.given(history)
                    .when(new DeclareConflictOfInterest(ID, "cw.lee", "Knows them", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage(RuleViolation.CASE_ERASED);
            fixture.given(history)
                    .when(new ReopenCase(ID, "New evidence", APPEAL_DEADLINE.minusSeconds(1), "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage(RuleViolation.CASE_ERASED);
            fixture.given(history)
                    .when(new PlaceLegalHold(ID, "Claim", "dpo.smith"), dpo)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void onlyTheDataProtectionOfficerErasesAndTheyDoNothingElse() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(erase, MANAGER)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, TRIAGED)
                    .when(new AddInvestigationNote(ID, "n-1", "Note", "dpo.smith"), dpo)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class NeedToKnow {

        final AddInvestigationNote note = new AddInvestigationNote(ID, "n-1", "Spoke to the witness", "cw.patel");

        @Test
        void theAssignedCaseworkerWorksOnTheCase() {
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(note, caseworker("cw.patel"))
                    .expectEvents(new InvestigationNoteAdded(ID, "n-1", "Spoke to the witness", "cw.patel"));
        }

        @Test
        void anotherCaseworkerIsToldThereIsNoSuchCase() {
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(note, caseworker("cw.lee"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED)
                    .when(note, caseworker("cw.lee"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aManagerWorksOnlyOnTheirTeamsCasesAssignedOrNot() {
            var otherTeam = Acting.metaData("mgr.khan", List.of("CASE_MANAGER"), "hr");
            fixture.given(SUBMITTED, ROUTED)
                    .when(note, otherTeam)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, ROUTED, ASSIGNED)
                    .when(note, otherTeam)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, ROUTED, new CaseworkerAssigned(ID, "cw.khan", "hr", "mgr.jones"))
                    .when(note, otherTeam)
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void someoneWithAConflictOfInterestIsToldThereIsNoSuchCase() {
            var conflicted = new ConflictOfInterestDeclared(ID, "mgr.jones", "Manages the person named", "mgr.jones");
            fixture.given(SUBMITTED, conflicted)
                    .when(note, MANAGER)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aCommandWithNobodyBehindItIsRefused() {
            fixture.given(SUBMITTED)
                    .when(note, NOBODY)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void theReporterReachesTheCaseThroughTheirReceiptAlone() {
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new ReceiveMessageFromReporter(ID, "m-2", "Any news?"), NOBODY)
                    .expectEvents(new MessageFromReporterReceived(ID, "m-2", "Any news?"));
        }
    }

    @Nested
    class NamedStaff {

        final StaffMemberNamed leeNamed = new StaffMemberNamed(ID, PSEUDONYMS.of("cw.lee"), Case.NAMED_BY_REPORTER);
        final AddInvestigationNote note = new AddInvestigationNote(ID, "n-1", "Spoke to the witness", "cw.lee");

        @Test
        void staffNamedInTheReportAreRecordedByPseudonymOnly() {
            fixture.givenCurrentTime(RECEIVED_AT)
                    .when(new SubmitReport(ID, KEY, ON_THE_BUS, List.of("cw.lee", "CW.Lee "), "council", "equality"))
                    .expectEvents(SUBMITTED, ROUTED, leeNamed, DUE_FOR_TRIAGE);
        }

        @Test
        void aNamedCaseworkerCannotBeAssigned() {
            fixture.given(SUBMITTED, leeNamed)
                    .when(new AssignCaseworker(ID, "cw.lee", "equality", null, "mgr.jones", true))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void namingTheAssignedCaseworkerTakesTheCaseFromThem() {
            var leeAssigned = new CaseworkerAssigned(ID, "cw.lee", "equality", "mgr.jones");
            fixture.given(SUBMITTED, leeAssigned)
                    .when(new NameStaffMember(ID, "cw.lee", "mgr.jones"))
                    .expectEvents(new StaffMemberNamed(ID, PSEUDONYMS.of("cw.lee"), "mgr.jones"));
            fixture.given(SUBMITTED, leeAssigned, leeNamed)
                    .when(note, caseworker("cw.lee"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, leeAssigned, leeNamed)
                    .when(new AssignCaseworker(ID, "cw.patel", "equality", null, "mgr.jones", true))
                    .expectEvents(new CaseworkerAssigned(ID, "cw.patel", "equality", "mgr.jones"));
        }

        @Test
        void aNamedManagerIsToldThereIsNoSuchCase() {
            var managerNamed = new StaffMemberNamed(ID, PSEUDONYMS.of("mgr.jones"), Case.NAMED_BY_REPORTER);
            fixture.given(SUBMITTED, managerNamed)
                    .when(note, MANAGER)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void theSamePersonIsNamedOnce() {
            fixture.given(SUBMITTED, leeNamed)
                    .when(new NameStaffMember(ID, "cw.lee", "mgr.jones"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    /** Keeping someone off a case protects the people in it; it must not be a way to keep managers away. */
    @Nested
    class ExclusionIsNotAWeapon {

        final MetaData patel = caseworker("cw.patel");
        final MetaData dpo = Acting.metaData("dpo.smith", List.of("ADMIN"), null);
        final StaffMemberNamed managerNamed = new StaffMemberNamed(ID, PSEUDONYMS.of("mgr.jones"), "cw.patel");
        final AddInvestigationNote managersNote = new AddInvestigationNote(ID, "n-1", "Back on the case", "mgr.jones");

        @Test
        void theAssignedCaseworkerCannotNameStaffOnlyACaseManagerCan() {
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new NameStaffMember(ID, "mgr.jones", "cw.patel"), patel)
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("Only a case manager"));
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new NameStaffMember(ID, "cw.lee", "mgr.jones"), MANAGER)
                    .expectEvents(new StaffMemberNamed(ID, PSEUDONYMS.of("cw.lee"), "mgr.jones"));
        }

        @Test
        void aCaseworkerDeclaresOnlyTheirOwnConflict() {
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new DeclareConflictOfInterest(ID, "mgr.jones", "Knows them", "cw.patel"), patel)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new DeclareConflictOfInterest(ID, "cw.patel", "Knows them", "cw.patel"), patel)
                    .expectEvents(new ConflictOfInterestDeclared(ID, "cw.patel", "Knows them", "cw.patel"));
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new DeclareConflictOfInterest(ID, "cw.patel", "Line manages them", "mgr.jones"))
                    .expectEvents(new ConflictOfInterestDeclared(ID, "cw.patel", "Line manages them", "mgr.jones"));
        }

        @Test
        void nobodyIsExcludedFromAClosedCase() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new NameStaffMember(ID, "cw.lee", "mgr.jones"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new DeclareConflictOfInterest(ID, "cw.lee", "Knows them", "mgr.jones"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void theDataProtectionOfficerLetsAWronglyExcludedManagerBackOn() {
            var lift = new LiftExclusion(ID, "MGR.Jones", "Named to keep the manager away", "dpo.smith");
            var lifted =
                    new ExclusionLifted(ID, PSEUDONYMS.of("mgr.jones"), "Named to keep the manager away", "dpo.smith");
            fixture.given(SUBMITTED, managerNamed)
                    .when(managersNote, MANAGER)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, managerNamed).when(lift, dpo).expectEvents(lifted);
            fixture.given(SUBMITTED, managerNamed, lifted)
                    .when(managersNote, MANAGER)
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aDeclaredConflictIsLiftedTheSameWay() {
            var conflict = new ConflictOfInterestDeclared(ID, "mgr.jones", "Made up", "mgr.ahmed");
            var lifted = new ExclusionLifted(ID, PSEUDONYMS.of("mgr.jones"), "No conflict", "dpo.smith");
            fixture.given(SUBMITTED, conflict)
                    .when(new LiftExclusion(ID, "mgr.jones", "No conflict", "dpo.smith"), dpo)
                    .expectEvents(lifted);
            fixture.given(SUBMITTED, conflict, lifted)
                    .when(managersNote, MANAGER)
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void onlyTheDataProtectionOfficerLiftsAndOnlyAnExclusionThatExists() {
            var lift = new LiftExclusion(ID, "mgr.jones", "Wrong", "mgr.ahmed");
            fixture.given(SUBMITTED, managerNamed)
                    .when(lift, Acting.metaData("mgr.ahmed", List.of("CASE_MANAGER"), "equality"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED)
                    .when(new LiftExclusion(ID, "cw.lee", "Wrong", "dpo.smith"), dpo)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    @Test
    void anAnonymousReportOpensACaseDueForTriageTheNextWorkingDay() {
        fixture.givenCurrentTime(RECEIVED_AT)
                .when(new SubmitReport(ID, KEY, ON_THE_BUS, List.of(), "council", "equality"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(SUBMITTED, ROUTED, DUE_FOR_TRIAGE);
    }

    @Test
    void aReportOnAFridayEveningIsDueForTriageOnMonday() {
        fixture.givenCurrentTime(Instant.parse("2026-10-02T22:30:00Z"))
                .when(new SubmitReport(ID, KEY, ON_THE_BUS, List.of(), "council", "equality"))
                .expectEvents(
                        SUBMITTED,
                        ROUTED,
                        new DeadlinesSet(ID, LocalDate.parse("2026-10-05"), null, null, DeadlineBasis.RECEIPT));
    }

    @Test
    void aNamedReportOnSomeonesBehalfKeepsTheReporter() {
        var reporter = new Reporter("Sam Okafor", "sam@example.org", null);
        fixture.givenCurrentTime(RECEIVED_AT)
                .when(new SubmitReport(
                        ID,
                        new FollowUpKey("HV-AAAA-BB", "$2a$10$hash"),
                        new ReportDetails(
                                ReportType.DIGNITY_AT_WORK,
                                Category.BULLYING,
                                LocalDate.parse("2026-09-12"),
                                LocationType.WORKPLACE,
                                "Highways",
                                Set.of(),
                                ReporterRole.THIRD_PARTY,
                                false,
                                reporter,
                                ContactPreference.EMAIL,
                                "My colleague is being excluded",
                                List.of("J. Smith"),
                                false,
                                true),
                        List.of(),
                        "council",
                        "hr"))
                .expectEvents(
                        new ReportSubmitted(
                                ID,
                                "HV-AAAA-BB",
                                "$2a$10$hash",
                                ReportType.DIGNITY_AT_WORK,
                                Category.BULLYING,
                                LocalDate.parse("2026-09-12"),
                                LocationType.WORKPLACE,
                                "Highways",
                                Set.of(),
                                ReporterRole.THIRD_PARTY,
                                false,
                                reporter,
                                ContactPreference.EMAIL,
                                "My colleague is being excluded",
                                List.of("J. Smith"),
                                false,
                                true,
                                "council"),
                        new ReportRoutedToTeam(ID, "hr", "council"),
                        DUE_FOR_TRIAGE);
    }

    /** Each organisation of a partnership keeps its cases to itself, whatever its staff's roles or teams. */
    @Nested
    class Organisations {

        final FixtureConfiguration<Case> partnership = fixtureFor(Partnership.load("demo"));
        final ReportRoutedToTeam toTheCouncil = new ReportRoutedToTeam(ID, "equality", "castle-council");
        final AddInvestigationNote note = new AddInvestigationNote(ID, "n-1", "Called the reporter", "mgr.jones");

        @Test
        void staffOfAnotherOrganisationFindNoCaseWhateverTheirTeamOrRole() {
            partnership
                    .given(SUBMITTED, toTheCouncil)
                    .when(note, Acting.metaData("mgr.jones", List.of("CASE_MANAGER"), "equality", "castle-council"))
                    .expectSuccessfulHandlerExecution();
            partnership
                    .given(SUBMITTED, toTheCouncil)
                    .when(note, Acting.metaData("mgr.evans", List.of("CASE_MANAGER"), "equality", "castle-police"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            partnership
                    .given(SUBMITTED, toTheCouncil, ASSIGNED)
                    .when(note, Acting.metaData("cw.patel", List.of("CASEWORKER"), "equality", "castle-homes"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aDataProtectionOfficerErasesTheirOwnOrganisationsCasesOnly() {
            var erase = new ErasePersonalData(ID, ErasureReason.RETENTION_PERIOD_ENDED, "dpo.morgan");
            partnership
                    .given(SUBMITTED, toTheCouncil, CLOSED)
                    .when(erase, Acting.metaData("dpo.morgan", List.of("ADMIN"), null, "castle-police"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void withSeveralOrganisationsATokenNamingNoneWorksOnNothing() {
            partnership
                    .given(SUBMITTED, toTheCouncil)
                    .when(note, MANAGER)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aCaseFromBeforeThePartnershipIsTheFoundersInTheTeamItsTypeGoesToThere() {
            partnership
                    .given(SUBMITTED, new ReportRoutedToTeam(ID, "equality", null))
                    .when(note, Acting.metaData("mgr.jones", List.of("CASE_MANAGER"), "equality", "castle-council"))
                    .expectSuccessfulHandlerExecution();
            partnership
                    .given(SUBMITTED)
                    .when(note, Acting.metaData("mgr.evans", List.of("CASE_MANAGER"), "equality", "castle-police"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    /**
     * Referrals between partners: on the reporter's consent, or a lawful basis a case manager confirms;
     * only a redacted copy (the narrative and chosen notes, passages masked, logged with who and why)
     * goes, into a case of the partner's own.
     */
    @Nested
    class Referrals {

        final FixtureConfiguration<Case> partnership = fixtureFor(Partnership.load("demo"));
        final ReportSubmitted consenting = ReportSubmitted.of(
                ID,
                KEY,
                new ReportDetails(
                        ReportType.HATE_INCIDENT,
                        Category.THREATS,
                        LocalDate.parse("2026-10-01"),
                        LocationType.STREET_OR_PUBLIC_SPACE,
                        "CASTLE",
                        Set.of(Motivation.RACE),
                        ReporterRole.VICTIM,
                        true,
                        null,
                        ContactPreference.FOLLOW_UP_ONLY,
                        "Dan Smith from number 4 threatened me outside the shop",
                        List.of(),
                        false,
                        true),
                "castle-council");
        final ReportRoutedToTeam toTheCouncil = new ReportRoutedToTeam(ID, "equality", "castle-council");
        final MetaData councilCaseworker =
                Acting.metaData("cw.patel", List.of("CASEWORKER"), "equality", "castle-council");
        final MetaData councilManager =
                Acting.metaData("mgr.jones", List.of("CASE_MANAGER"), "equality", "castle-council");
        final InvestigationNoteAdded note =
                new InvestigationNoteAdded(ID, "n-1", "Spoke to Dan Smith's landlord", "cw.patel");
        final RedactForSharing redact = new RedactForSharing(
                ID, "x-1", List.of("dan smith", "number 4"), List.of("n-1"), "His name and address", "cw.patel");
        final RedactionMade redacted = new RedactionMade(
                ID,
                "x-1",
                "█████████ from ████████ threatened me outside the shop",
                List.of("Spoke to █████████'s landlord"),
                26,
                "His name and address",
                "cw.patel");
        final ReferCase toThePolice =
                new ReferCase(ID, "r-1", "castle-police", ReferralBasis.CONSENT, null, "x-1", "cw.patel");

        CaseReferred referred(ReferralBasis basis, String lawfulBasis, String by) {
            return new CaseReferred(
                    ID,
                    "r-1",
                    "castle-council",
                    "castle-police",
                    basis,
                    lawfulBasis,
                    ReportType.HATE_INCIDENT,
                    Category.THREATS,
                    LocalDate.parse("2026-10-01"),
                    LocationType.STREET_OR_PUBLIC_SPACE,
                    Set.of(Motivation.RACE),
                    "█████████ from ████████ threatened me outside the shop",
                    26,
                    by,
                    "x-1",
                    List.of("Spoke to █████████'s landlord"));
        }

        ReferralReceived received(CaseId linked, String narrative) {
            return new ReferralReceived(
                    linked,
                    "HV-REF2-AB",
                    "castle-council",
                    "r-1",
                    ReportType.HATE_INCIDENT,
                    Category.THREATS,
                    LocalDate.parse("2026-10-01"),
                    LocationType.STREET_OR_PUBLIC_SPACE,
                    Set.of(Motivation.RACE),
                    narrative,
                    "castle-police",
                    List.of("Spoke to █████████'s landlord"));
        }

        @Test
        void aRedactedCopyMasksTheNarrativeAndTheChosenNotesAndIsLoggedWithWhoAndWhy() {
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, note)
                    .when(redact, councilCaseworker)
                    .expectEvents(redacted);
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, note)
                    .when(
                            new RedactForSharing(ID, "x-1", List.of(), List.of("n-2"), "Nothing to hide", "cw.patel"),
                            councilCaseworker)
                    .expectNoEvents()
                    .expectExceptionMessage("The case has no note with that id");
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, note, redacted)
                    .when(redact, councilCaseworker)
                    .expectNoEvents()
                    .expectExceptionMessage("A redacted copy with that id already exists");
        }

        @Test
        void withTheReportersConsentTheRedactedCopyGoesAndNothingElse() {
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, note, redacted)
                    .when(toThePolice, councilCaseworker)
                    .expectEvents(referred(ReferralBasis.CONSENT, null, "cw.patel"));
            partnership
                    .given(
                            consenting,
                            toTheCouncil,
                            ASSIGNED,
                            note,
                            redacted,
                            referred(ReferralBasis.CONSENT, null, "cw.patel"))
                    .when(toThePolice, councilCaseworker)
                    .expectNoEvents()
                    .expectExceptionMessage("The case has already been referred to that organisation");
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, note)
                    .when(toThePolice, councilCaseworker)
                    .expectNoEvents()
                    .expectExceptionMessage("The case has no redacted copy with that id");
        }

        @Test
        void withoutARedactedCopyOnlyTheReportsCategoriesAreShared() {
            var categoriesOnly =
                    new ReferCase(ID, "r-1", "castle-police", ReferralBasis.CONSENT, null, null, "cw.patel");
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, note)
                    .when(categoriesOnly, councilCaseworker)
                    .expectEvents(new CaseReferred(
                            ID,
                            "r-1",
                            "castle-council",
                            "castle-police",
                            ReferralBasis.CONSENT,
                            null,
                            ReportType.HATE_INCIDENT,
                            Category.THREATS,
                            LocalDate.parse("2026-10-01"),
                            LocationType.STREET_OR_PUBLIC_SPACE,
                            Set.of(Motivation.RACE),
                            null,
                            0,
                            "cw.patel",
                            null,
                            List.of()));
        }

        @Test
        void thePolicesCrimeReferenceAndClassificationAreRecordedAndMayChange() {
            var recorded = new PoliceReportRecorded(
                    ID, "42/1234/26", PoliceClassification.NON_CRIME_HATE_INCIDENT, "cw.patel");
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED)
                    .when(
                            new RecordPoliceReport(
                                    ID, "42/1234/26", PoliceClassification.NON_CRIME_HATE_INCIDENT, "cw.patel"),
                            councilCaseworker)
                    .expectEvents(recorded);
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, recorded)
                    .when(
                            new RecordPoliceReport(ID, "42/1234/26", PoliceClassification.CRIME, "cw.patel"),
                            councilCaseworker)
                    .expectEvents(new PoliceReportRecorded(ID, "42/1234/26", PoliceClassification.CRIME, "cw.patel"));
        }

        @Test
        void theReporterWithdrawsTheirConsentAndNothingMoreIsSharedOnIt() {
            partnership
                    .given(consenting, toTheCouncil)
                    .when(new ChangeConsentToShare(ID, false), NOBODY)
                    .expectEvents(new ConsentToShareChanged(ID, false));
            partnership
                    .given(consenting, toTheCouncil, ASSIGNED, note, redacted, new ConsentToShareChanged(ID, false))
                    .when(toThePolice, councilCaseworker)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            partnership
                    .given(consenting, toTheCouncil, new ConsentToShareChanged(ID, false))
                    .when(new ChangeConsentToShare(ID, false), NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage("Your report is not shared on your consent");
            partnership
                    .given(
                            consenting,
                            toTheCouncil,
                            ASSIGNED,
                            note,
                            redacted,
                            new ConsentToShareChanged(ID, false),
                            new ConsentToShareChanged(ID, true))
                    .when(toThePolice, councilCaseworker)
                    .expectEvents(referred(ReferralBasis.CONSENT, null, "cw.patel"));
        }

        @Test
        void withoutConsentOnlyACaseManagerSharesItOnARecordedLawfulBasis() {
            var withoutConsent =
                    new ReferCase(ID, "r-1", "castle-police", ReferralBasis.CONSENT, null, "x-1", "mgr.jones");
            var onALawfulBasis = new ReferCase(
                    ID, "r-1", "castle-police", ReferralBasis.LAWFUL_BASIS, "Threat to life", "x-1", "mgr.jones");
            var noConsent = ReportSubmitted.of(ID, KEY, ON_THE_BUS, "castle-council");
            partnership
                    .given(noConsent, toTheCouncil)
                    .when(withoutConsent, councilManager)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            partnership
                    .given(noConsent, toTheCouncil, ASSIGNED)
                    .when(onALawfulBasis, councilCaseworker)
                    .expectNoEvents()
                    .expectExceptionMessage(
                            "Only a case manager confirms a lawful basis for sharing without the reporter's consent");
            partnership
                    .given(consenting, toTheCouncil, note, redacted)
                    .when(onALawfulBasis, councilManager)
                    .expectEvents(referred(ReferralBasis.LAWFUL_BASIS, "Threat to life", "mgr.jones"));
        }

        @Test
        void aCaseIsReferredToAnotherPartnerNeverItsOwnAndNeverOnceErased() {
            partnership
                    .given(consenting, toTheCouncil)
                    .when(
                            new ReferCase(ID, "r-1", "castle-council", ReferralBasis.CONSENT, null, null, "mgr.jones"),
                            councilManager)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            partnership
                    .given(
                            consenting,
                            toTheCouncil,
                            CLOSED,
                            new PersonalDataErased(ID, ErasureReason.ERASURE_REQUEST, "d"))
                    .when(toThePolice, councilManager)
                    .expectNoEvents()
                    .expectExceptionMessage(RuleViolation.CASE_ERASED);
        }

        @Test
        void thePartnerGetsACaseOfItsOwnHoldingOnlyWhatWasShared() {
            var linked = new CaseId("linked-1");
            var referral = referred(ReferralBasis.CONSENT, null, "cw.patel");
            partnership
                    .givenCurrentTime(RECEIVED_AT)
                    .when(new OpenReferredCase(linked, "HV-REF2-AB", referral, "hate-crime-unit"))
                    .expectEvents(
                            received(linked, "█████████ from ████████ threatened me outside the shop"),
                            new ReportRoutedToTeam(linked, "hate-crime-unit", "castle-police"),
                            // the police triage on the day they receive it (their own service levels)
                            new DeadlinesSet(linked, LocalDate.parse("2026-10-01"), null, null, DeadlineBasis.RECEIPT));
            // the council's staff find no such case; the police's intake team works on it
            var note = new AddInvestigationNote(linked, "n-1", "Spoke to the council", "sgt.evans");
            partnership
                    .given(
                            received(linked, "shared"),
                            new ReportRoutedToTeam(linked, "hate-crime-unit", "castle-police"))
                    .when(note, councilManager)
                    .expectException(AggregateNotFoundException.class);
            // it has no reporter of its own: the organisation that referred it is in touch with them
            partnership
                    .given(
                            received(linked, "shared"),
                            new ReportRoutedToTeam(linked, "hate-crime-unit", "castle-police"))
                    .when(
                            new SendMessageToReporter(linked, "m-1", "We are looking into it", "sgt.evans"),
                            Acting.metaData("sgt.evans", List.of("CASE_MANAGER"), "hate-crime-unit", "castle-police"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    /** A new report is seen by its intake team's case managers only, until it is assigned. */
    @Nested
    class Intake {

        final ReportRoutedToTeam toCommunitySafety = new ReportRoutedToTeam(ID, "community-safety", "council");
        final AddInvestigationNote note = new AddInvestigationNote(ID, "n-1", "Called the reporter", "mgr.jones");

        @Test
        void onlyTheIntakeTeamsManagersWorkOnANewReport() {
            fixture.given(SUBMITTED, toCommunitySafety)
                    .when(note, MANAGER)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, toCommunitySafety)
                    .when(note, Acting.metaData("mgr.okoro", List.of("CASE_MANAGER"), "community-safety"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aManagerWithoutATeamWorksOnNoTeamsCases() {
            fixture.given(SUBMITTED, toCommunitySafety)
                    .when(note, Acting.metaData("mgr.nobody", List.of("CASE_MANAGER"), null))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED)
                    .when(note, Acting.metaData("mgr.nobody", List.of("CASE_MANAGER"), null))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void assigningTheCaseMovesItToTheAssigningTeam() {
            var okoro = Acting.metaData("mgr.okoro", List.of("CASE_MANAGER"), "community-safety");
            fixture.given(SUBMITTED, toCommunitySafety, new CaseworkerAssigned(ID, "cw.ade", "hate-crime", "mgr.okoro"))
                    .when(note, okoro)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aCaseReportedBeforeRoutingIsInTheTeamItsTypeGoesToNow() {
            fixture.given(SUBMITTED).when(note, MANAGER).expectSuccessfulHandlerExecution();
            fixture.given(SUBMITTED)
                    .when(note, Acting.metaData("mgr.okoro", List.of("CASE_MANAGER"), "community-safety"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Triage {

        TriageCase triage = new TriageCase(
                ID,
                Category.VERBAL_ABUSE,
                Set.of(ProtectedCharacteristic.RACE),
                Set.of(MonitoredStrand.RACE),
                RiskLevel.MEDIUM,
                Route.FORMAL_INVESTIGATION,
                LocalDate.parse("2026-10-05"),
                LocalDate.parse("2026-11-10"),
                "cw.patel",
                null);

        final CaseTriaged triaged = new CaseTriaged(
                ID,
                TRIAGED.category(),
                TRIAGED.characteristics(),
                TRIAGED.strands(),
                RiskLevel.MEDIUM,
                TRIAGED.route(),
                null,
                null,
                "cw.patel",
                null);

        TriageCase withoutDates(RiskLevel risk) {
            return new TriageCase(
                    ID,
                    triage.category(),
                    triage.characteristics(),
                    triage.strands(),
                    risk,
                    triage.route(),
                    null,
                    null,
                    "cw.patel",
                    null);
        }

        @Test
        void theTriagersDatesAreKept() {
            fixture.given(SUBMITTED)
                    .when(triage)
                    .expectEvents(
                            triaged,
                            new DeadlinesSet(
                                    ID,
                                    null,
                                    LocalDate.parse("2026-10-05"),
                                    LocalDate.parse("2026-11-10"),
                                    DeadlineBasis.TRIAGE));
        }

        /** Medium risk: first contact in 3 working days, resolution in 40, from Thursday 1 October. */
        @Test
        void withoutDatesTheDeadlinesAreWorkingDaysFromReceiptForTheRisk() {
            fixture.givenCurrentTime(RECEIVED_AT)
                    .andGiven(SUBMITTED, ROUTED, DUE_FOR_TRIAGE)
                    .andGivenCurrentTime(Instant.parse("2026-10-02T11:00:00Z"))
                    .when(withoutDates(RiskLevel.MEDIUM))
                    .expectEvents(
                            triaged,
                            new DeadlinesSet(
                                    ID,
                                    null,
                                    LocalDate.parse("2026-10-06"),
                                    LocalDate.parse("2026-11-26"),
                                    DeadlineBasis.TRIAGE))
                    .expectResultMessagePayload(new DeadlinesSet(
                            ID,
                            null,
                            LocalDate.parse("2026-10-06"),
                            LocalDate.parse("2026-11-26"),
                            DeadlineBasis.TRIAGE));
        }

        /** The clock does not restart: a case found high-risk three weeks in is already overdue. */
        @Test
        void triagingAgainRecountsFromReceipt() {
            var high = new CaseTriaged(
                    ID,
                    triage.category(),
                    triage.characteristics(),
                    triage.strands(),
                    RiskLevel.HIGH,
                    triage.route(),
                    null,
                    null,
                    "cw.patel",
                    null);
            fixture.givenCurrentTime(RECEIVED_AT)
                    .andGiven(SUBMITTED, ROUTED, DUE_FOR_TRIAGE, TRIAGED)
                    .andGivenCurrentTime(Instant.parse("2026-10-20T11:00:00Z"))
                    .when(withoutDates(RiskLevel.HIGH))
                    .expectEvents(
                            high,
                            new DeadlinesSet(
                                    ID,
                                    null,
                                    LocalDate.parse("2026-10-02"),
                                    LocalDate.parse("2026-10-29"),
                                    DeadlineBasis.TRIAGE));
        }

        @Test
        void aResolutionDateBeforeTheFirstContactDateIsRefused() {
            var backwards = new TriageCase(
                    ID,
                    triage.category(),
                    triage.characteristics(),
                    triage.strands(),
                    RiskLevel.MEDIUM,
                    triage.route(),
                    LocalDate.parse("2026-12-20"),
                    null,
                    "cw.patel",
                    null);
            fixture.givenCurrentTime(RECEIVED_AT)
                    .andGiven(SUBMITTED)
                    .when(backwards)
                    .expectNoEvents()
                    .expectExceptionMessage(
                            "The resolution date must not be before the first-contact date (2026-12-20)");
        }

        @Test
        void triageCanPlaceTheCaseInAnotherOfTheAreasOfItsType() {
            var recoded = new TriageCase(
                    ID,
                    triage.category(),
                    triage.characteristics(),
                    triage.strands(),
                    triage.risk(),
                    triage.route(),
                    triage.firstContactDue(),
                    triage.resolutionDue(),
                    triage.triagedBy(),
                    "RIVERSIDE");
            fixture.given(SUBMITTED)
                    .when(recoded)
                    .expectEvents(
                            new CaseTriaged(
                                    ID,
                                    TRIAGED.category(),
                                    TRIAGED.characteristics(),
                                    TRIAGED.strands(),
                                    TRIAGED.risk(),
                                    TRIAGED.route(),
                                    null,
                                    null,
                                    TRIAGED.triagedBy(),
                                    "RIVERSIDE"),
                            new DeadlinesSet(
                                    ID,
                                    null,
                                    TRIAGED.firstContactDue(),
                                    TRIAGED.resolutionDue(),
                                    DeadlineBasis.TRIAGE));
        }

        @Test
        void aHateIncidentCannotBePlacedInADirectorate() {
            var directorate = new TriageCase(
                    ID,
                    triage.category(),
                    triage.characteristics(),
                    triage.strands(),
                    triage.risk(),
                    triage.route(),
                    triage.firstContactDue(),
                    triage.resolutionDue(),
                    triage.triagedBy(),
                    "ADULTS");
            fixture.given(SUBMITTED)
                    .when(directorate)
                    .expectNoEvents()
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("That area is not one of the areas for this type of report");
        }

        @Test
        void cannotTriageAResolvedCase() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED)
                    .when(triage)
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class Assignment {

        @Test
        void nobodyHavenDoesNotKnowIsAssigned() {
            fixture.given(SUBMITTED, ROUTED)
                    .when(new AssignCaseworker(ID, "cw.pate1", "equality", null, "mgr.jones", false))
                    .expectNoEvents()
                    .expectExceptionMessage("Haven knows no caseworker of that team with that staff id: choose someone"
                            + " who has signed in to Haven");
        }

        @Test
        void anUnassignedCaseIsAssigned() {
            fixture.given(SUBMITTED)
                    .when(new AssignCaseworker(ID, "cw.patel", "equality", null, "mgr.jones", true))
                    .expectEvents(ASSIGNED);
        }

        @Test
        void anAssignedCaseIsReassignedWithTheReason() {
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new AssignCaseworker(ID, "cw.ahmed", "equality", "Workload", "mgr.jones", true))
                    .expectEvents(new CaseReassigned(ID, "cw.patel", "cw.ahmed", "equality", "Workload", "mgr.jones"));
        }

        @Test
        void cannotAssignTheCaseworkerWhoAlreadyHasIt() {
            fixture.given(SUBMITTED, ASSIGNED)
                    .when(new AssignCaseworker(ID, "cw.patel", "equality", null, "mgr.jones", true))
                    .expectNoEvents()
                    .expectExceptionMessage("The case is already assigned to that caseworker");
        }

        @Test
        void cannotAssignAConflictedCaseworker() {
            fixture.given(
                            SUBMITTED,
                            new ConflictOfInterestDeclared(ID, "cw.ahmed", "Line manager of a party", "cw.ahmed"))
                    .when(new AssignCaseworker(ID, "cw.ahmed", "equality", null, "mgr.jones", true))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void aManagerAssignsOnlyWithinTheirOwnTeam() {
            fixture.given(SUBMITTED)
                    .when(new AssignCaseworker(ID, "cw.khan", "hr", null, "mgr.jones", true))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void cannotAssignAClosedCase() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new AssignCaseworker(ID, "cw.ahmed", "equality", null, "mgr.jones", true))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class ConflictOfInterest {

        @Test
        void declaringAConflictUnassignsTheConflictedCaseworker() {
            var conflict = new ConflictOfInterestDeclared(ID, "cw.patel", "Friend of a party", "cw.patel");
            fixture.given(SUBMITTED, ASSIGNED, conflict)
                    .when(new AssignCaseworker(ID, "cw.ahmed", "equality", null, "mgr.jones", true))
                    .expectEvents(new CaseworkerAssigned(ID, "cw.ahmed", "equality", "mgr.jones"));
        }

        @Test
        void aConflictIsDeclaredOnce() {
            var conflict = new ConflictOfInterestDeclared(ID, "cw.patel", "Friend of a party", "cw.patel");
            fixture.given(SUBMITTED)
                    .when(new DeclareConflictOfInterest(ID, "cw.patel", "Friend of a party", "cw.patel"))
                    .expectEvents(conflict);
            fixture.given(SUBMITTED, conflict)
                    .when(new DeclareConflictOfInterest(ID, "cw.patel", "Again", "cw.patel"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class Investigation {

        @Test
        void notesAreAddedToAnOpenCase() {
            fixture.given(SUBMITTED, TRIAGED)
                    .when(new AddInvestigationNote(ID, "n-1", "Spoke to the driver", "cw.patel"))
                    .expectEvents(new InvestigationNoteAdded(ID, "n-1", "Spoke to the driver", "cw.patel"));
        }

        @Test
        void cannotAddANoteToAClosedCase() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new AddInvestigationNote(ID, "n-1", "Late note", "cw.patel"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void anActionIsAgreedThenCompleted() {
            fixture.given(SUBMITTED, TRIAGED)
                    .when(new AgreeAction(
                            ID,
                            "a-1",
                            "Refresher training for the team",
                            "mgr.jones",
                            LocalDate.parse("2026-11-20"),
                            "cw.patel"))
                    .expectEvents(ACTION);
            fixture.given(SUBMITTED, TRIAGED, ACTION)
                    .when(new CompleteAction(ID, "a-1", "mgr.jones"))
                    .expectEvents(new ActionCompleted(ID, "a-1", "mgr.jones", "mgr.jones"));
        }

        @Test
        void cannotAgreeTheSameActionTwice() {
            fixture.given(SUBMITTED, TRIAGED, ACTION)
                    .when(new AgreeAction(ID, "a-1", "Again", "mgr.jones", LocalDate.parse("2026-11-20"), "cw.patel"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void cannotCompleteAnActionThatWasNeverAgreed() {
            fixture.given(SUBMITTED, TRIAGED)
                    .when(new CompleteAction(ID, "a-9", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("The case has no action with that id");
        }

        @Test
        void cannotCompleteAnActionTwice() {
            fixture.given(SUBMITTED, TRIAGED, ACTION, new ActionCompleted(ID, "a-1", "mgr.jones", "mgr.jones"))
                    .when(new CompleteAction(ID, "a-1", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("That action is already completed");
        }
    }

    @Nested
    class Messages {

        @Test
        void theCaseTeamWritesToTheReporter() {
            fixture.given(SUBMITTED)
                    .when(new SendMessageToReporter(ID, "m-1", "We have received your report", "cw.patel"))
                    .expectEvents(new MessageToReporterSent(ID, "m-1", "We have received your report", "cw.patel"));
        }

        @Test
        void cannotWriteToTheReporterFromAClosedCase() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new SendMessageToReporter(ID, "m-1", "Hello", "cw.patel"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }

        @Test
        void theReporterCanWriteEvenAfterClosure() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new ReceiveMessageFromReporter(ID, "m-2", "I want to appeal"))
                    .expectEvents(new MessageFromReporterReceived(ID, "m-2", "I want to appeal"));
        }

        @Test
        void theOwnerOfAnActionCompletesItWithoutWorkingOnTheCase() {
            var forHr = new ActionAgreed(
                    ID,
                    "a-9",
                    "Check the rota with the depot",
                    "hr.adviser",
                    LocalDate.parse("2026-11-20"),
                    "mgr.jones");
            var adviser = Acting.metaData("hr.adviser", List.of("CASEWORKER"), "hr");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, forHr)
                    .when(new CompleteAction(ID, "a-9", "hr.adviser"), adviser)
                    .expectEvents(new ActionCompleted(ID, "a-9", "hr.adviser", "hr.adviser"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, forHr)
                    .when(new AddInvestigationNote(ID, "n-1", "Looked at the file", "hr.adviser"), adviser)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, forHr, ACTION)
                    .when(new CompleteAction(ID, "a-1", "hr.adviser"), adviser)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void whatTheReporterWroteIsMarkedReadOnceEvenOnAClosedCase() {
            var wrote = new MessageFromReporterReceived(ID, "m-2", "I want to appeal");
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED, wrote)
                    .when(new MarkReporterMessagesRead(ID, "mgr.jones"))
                    .expectEvents(new ReporterMessagesRead(ID, "mgr.jones"));
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED, wrote, new ReporterMessagesRead(ID, "mgr.jones"))
                    .when(new MarkReporterMessagesRead(ID, "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("There is no unread message from the reporter");
            // a reply reads it
            fixture.given(SUBMITTED, wrote, new MessageToReporterSent(ID, "m-3", "Thank you", "cw.patel"))
                    .when(new MarkReporterMessagesRead(ID, "mgr.jones"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    class Evidence {

        final AttachEvidence letter = new AttachEvidence(ID, "f-1", "letter.pdf", "application/pdf", 2048, "mgr.jones");
        final AttachEvidence photo = new AttachEvidence(ID, "f-2", "bus.jpg", "image/jpeg", 4096, null);

        @Test
        void staffWorkingOnAnOpenCaseAddEvidence() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(letter)
                    .expectEvents(new EvidenceAttached(ID, "f-1", "letter.pdf", "application/pdf", 2048, "mgr.jones"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(
                            new AttachEvidence(ID, "f-1", "letter.pdf", "application/pdf", 2048, "cw.other"),
                            caseworker("cw.other"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void staffCannotAddEvidenceToAClosedCaseButTheReporterCanAndTheTeamIsToldToLook() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(letter)
                    .expectNoEvents()
                    .expectExceptionMessage(
                            "A closed case cannot be changed; a case manager can reopen it for new evidence");
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(photo, NOBODY)
                    .expectEvents(new EvidenceAttached(ID, "f-2", "bus.jpg", "image/jpeg", 4096, null));
            fixture.given(
                            SUBMITTED,
                            TRIAGED,
                            RESOLVED,
                            CLOSED,
                            new EvidenceAttached(ID, "f-2", "bus.jpg", "image/jpeg", 4096, null))
                    .when(new MarkReporterMessagesRead(ID, "mgr.jones"))
                    .expectEvents(new ReporterMessagesRead(ID, "mgr.jones"));
        }

        @Test
        void onlyTheReporterAddsEvidenceAsTheReporterAndNeverToAnErasedCase() {
            fixture.given(SUBMITTED, ROUTED)
                    .when(photo, caseworker("cw.other"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
            fixture.given(
                            SUBMITTED,
                            TRIAGED,
                            RESOLVED,
                            CLOSED,
                            new PersonalDataErased(ID, ErasureReason.ERASURE_REQUEST, "dpo.smith"))
                    .when(photo, NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage(RuleViolation.CASE_ERASED);
        }
    }

    @Nested
    class Resolution {

        ResolveCase resolve = new ResolveCase(ID, Outcome.UPHELD, "Apology and training", APPEAL_DEADLINE, "cw.patel");

        @Test
        void aTriagedCaseIsResolvedWithAnAppealDeadline() {
            fixture.given(SUBMITTED, TRIAGED).when(resolve).expectEvents(RESOLVED);
        }

        @Test
        void cannotResolveAnUntriagedCase() {
            fixture.given(SUBMITTED)
                    .when(resolve)
                    .expectNoEvents()
                    .expectExceptionMessage("A case must be triaged before it can be resolved");
        }

        @Test
        void cannotResolveACaseTwice() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED)
                    .when(resolve)
                    .expectNoEvents()
                    .expectExceptionMessage("The case is already resolved");
        }
    }

    @Nested
    class Closure {

        @Test
        void aResolvedCaseIsClosed() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED)
                    .when(new CloseCase(ID, "cw.patel"))
                    .expectEvents(CLOSED);
        }

        @Test
        void cannotCloseAnUnresolvedCase() {
            fixture.given(SUBMITTED, TRIAGED)
                    .when(new CloseCase(ID, "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("A case must be resolved before it can be closed");
        }

        @Test
        void cannotCloseAClosedCase() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new CloseCase(ID, "cw.patel"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
        }
    }

    /**
     * An appeal is its own stage: lodged by the reporter (or for them) within the window after the
     * written outcome, heard by a case manager who took no part in the decision, decided once and for
     * good. Reopening for new evidence is a different step, a case manager's, at any time.
     */
    @Nested
    class Appeal {

        final CaseResolved resolvedByManager =
                new CaseResolved(ID, Outcome.NOT_UPHELD, "No evidence of bullying found", APPEAL_DEADLINE, "mgr.jones");
        final LodgeAppeal byReporter =
                new LodgeAppeal(ID, "The witness was never asked", APPEAL_DEADLINE.minusSeconds(1), null);
        final AppealLodged lodged = new AppealLodged(ID, "The witness was never asked", null);
        final MetaData otherManager = Acting.metaData("mgr.ahmed", List.of("CASE_MANAGER"), "finance");
        final AppealHearerAppointed ahmedHears = new AppealHearerAppointed(ID, "mgr.ahmed", "mgr.jones");

        @Test
        void theReporterAppealsTheOutcomeWithinTheWindowThroughTheirReceiptAlone() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager)
                    .when(byReporter, NOBODY)
                    .expectEvents(lodged);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, CLOSED)
                    .when(new LodgeAppeal(ID, "On their behalf", APPEAL_DEADLINE.minusSeconds(1), "cw.patel"))
                    .expectEvents(new AppealLodged(ID, "On their behalf", "cw.patel"));
        }

        @Test
        void noAppealBeforeAnOutcomeNorAfterTheWindowNorTwice() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(byReporter, NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage("There is no outcome to appeal yet");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager)
                    .when(new LodgeAppeal(ID, "Late", APPEAL_DEADLINE.plusSeconds(1), null), NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage("The appeal window for this case ended on 2026-11-30; a case manager"
                            + " can reopen it if there is new evidence");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged)
                    .when(byReporter, NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage("An appeal against this outcome has already been lodged");
            fixture.given(
                            SUBMITTED,
                            ROUTED,
                            TRIAGED,
                            resolvedByManager,
                            lodged,
                            ahmedHears,
                            new AppealDecided(ID, AppealOutcome.DISMISSED, "The witness was asked", "mgr.ahmed"))
                    .when(byReporter, NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage("The appeal has been decided; its outcome is final");
        }

        @Test
        void theDecisionMakerCannotHearTheAppeal() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged)
                    .when(new AppointAppealHearer(ID, "mgr.jones", "mgr.jones", true))
                    .expectNoEvents()
                    .expectExceptionMessage("The person who decided the case cannot hear its appeal");
        }

        @Test
        void norTheInvestigatingCaseworkerNorAnyoneKeptOffTheCaseNorAStranger() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ASSIGNED, resolvedByManager, lodged)
                    .when(new AppointAppealHearer(ID, "cw.patel", "mgr.jones", true))
                    .expectNoEvents()
                    .expectExceptionMessage("The caseworker who investigated the case cannot hear its appeal");
            fixture.given(
                            SUBMITTED,
                            ROUTED,
                            TRIAGED,
                            new ConflictOfInterestDeclared(ID, "mgr.ahmed", "Manages the respondent", "mgr.ahmed"),
                            resolvedByManager,
                            lodged)
                    .when(new AppointAppealHearer(ID, "mgr.ahmed", "mgr.jones", true))
                    .expectNoEvents()
                    .expectExceptionMessage("That manager is kept off this case (named in it, or a declared"
                            + " conflict) and cannot hear its appeal");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged)
                    .when(new AppointAppealHearer(ID, "mgr.nobody", "mgr.jones", false))
                    .expectNoEvents()
                    .expectExceptionMessage("Haven knows no case manager of your organisation with that staff id:"
                            + " choose someone who has signed in to Haven");
        }

        @Test
        void onlyACaseManagerAppointsTheHearer() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ASSIGNED, resolvedByManager, lodged)
                    .when(new AppointAppealHearer(ID, "mgr.ahmed", "cw.patel", true), caseworker("cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("Only a case manager appoints who hears an appeal");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager)
                    .when(new AppointAppealHearer(ID, "mgr.ahmed", "mgr.jones", true))
                    .expectNoEvents()
                    .expectExceptionMessage("There is no appeal waiting to be heard");
        }

        @Test
        void theHearerFromAnotherTeamDecidesTheAppealOnceAndForGood() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged)
                    .when(new AppointAppealHearer(ID, "mgr.ahmed", "mgr.jones", true))
                    .expectEvents(ahmedHears);
            var decided =
                    new AppealDecided(ID, AppealOutcome.PARTLY_UPHELD, "The witness supports part of it", "mgr.ahmed");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged, ahmedHears)
                    .when(
                            new DecideAppeal(
                                    ID, AppealOutcome.PARTLY_UPHELD, "The witness supports part of it", "mgr.ahmed"),
                            otherManager)
                    .expectEvents(decided);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged, ahmedHears, decided)
                    .when(new CloseCase(ID, "mgr.jones"))
                    .expectEvents(new CaseClosed(ID, "mgr.jones"));
        }

        @Test
        void onlyTheHearerDecidesAndNobodyResolvesOrClosesACaseUnderAppeal() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged)
                    .when(new DecideAppeal(ID, AppealOutcome.UPHELD, "Agreed", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("Appoint a case manager to hear the appeal first");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged, ahmedHears)
                    .when(new DecideAppeal(ID, AppealOutcome.UPHELD, "Agreed", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("Only the manager appointed to hear the appeal decides it");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged, ahmedHears)
                    .when(new ResolveCase(ID, Outcome.UPHELD, "Changed my mind", APPEAL_DEADLINE, "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("The case is under appeal: its hearer decides the appeal");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged)
                    .when(new CloseCase(ID, "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("The case is under appeal: it is closed once the appeal is decided");
            // a hearer who turns out to be conflicted is off the appeal, and someone else must be appointed
            fixture.given(
                            SUBMITTED,
                            ROUTED,
                            TRIAGED,
                            resolvedByManager,
                            lodged,
                            ahmedHears,
                            new ConflictOfInterestDeclared(ID, "mgr.ahmed", "Knows the reporter", "mgr.ahmed"))
                    .when(new DecideAppeal(ID, AppealOutcome.UPHELD, "Agreed", "mgr.ahmed"), otherManager)
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void aCaseManagerReopensForNewEvidenceEvenAfterTheWindowWithNewDeadlinesFromThatDay() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new ReopenCase(ID, "New evidence", APPEAL_DEADLINE.plusSeconds(1), "mgr.jones"))
                    .expectEvents(
                            new CaseReopened(ID, "New evidence", "mgr.jones"),
                            // medium risk, from Monday 30 November: over Christmas, Boxing Day's substitute and New
                            // Year
                            new DeadlinesSet(
                                    ID,
                                    null,
                                    LocalDate.parse("2026-12-03"),
                                    LocalDate.parse("2027-01-28"),
                                    DeadlineBasis.REOPENING));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ASSIGNED, RESOLVED, CLOSED)
                    .when(new ReopenCase(ID, "New evidence", APPEAL_DEADLINE, "cw.patel"), caseworker("cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("Only a case manager reopens a case for new evidence");
        }

        @Test
        void cannotReopenAnOpenCaseOrOneUnderAppeal() {
            fixture.given(SUBMITTED, TRIAGED)
                    .when(new ReopenCase(ID, "Why", RESOLVED_AT, "mgr.jones"))
                    .expectNoEvents()
                    .expectException(RuleViolation.class);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, resolvedByManager, lodged)
                    .when(new ReopenCase(ID, "Why", RESOLVED_AT, "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("The case is under appeal: its hearer decides the appeal");
        }

        @Test
        void aReopenedCaseCanBeResolvedAgainAndThatOutcomeAppealed() {
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED, new CaseReopened(ID, "New evidence", "mgr.jones"))
                    .when(new ResolveCase(ID, Outcome.PARTLY_UPHELD, "Revised", APPEAL_DEADLINE, "cw.patel"))
                    .expectEvents(new CaseResolved(ID, Outcome.PARTLY_UPHELD, "Revised", APPEAL_DEADLINE, "cw.patel"));
            fixture.given(
                            SUBMITTED,
                            TRIAGED,
                            RESOLVED,
                            CLOSED,
                            new CaseReopened(ID, "New evidence", "mgr.jones"),
                            new CaseResolved(ID, Outcome.PARTLY_UPHELD, "Revised", APPEAL_DEADLINE, "cw.patel"))
                    .when(byReporter, NOBODY)
                    .expectEvents(lodged);
        }
    }

    /** Meetings and hearings: scheduled with the right to be accompanied, adjourned, their notes shared. */
    @Nested
    class Meetings {

        final LocalDateTime tenAm = LocalDateTime.parse("2026-12-10T10:00");
        final Companion union = new Companion(Companion.Role.TRADE_UNION_REPRESENTATIVE, "J. Rep (Unison)");
        final ScheduleMeeting hearing = new ScheduleMeeting(
                ID,
                "m-1",
                MeetingKind.FORMAL_HEARING,
                tenAm,
                "Room 4, Civic Centre",
                List.of("mgr.jones"),
                union,
                "cw.patel");
        final MeetingScheduled scheduled = new MeetingScheduled(
                ID,
                "m-1",
                MeetingKind.FORMAL_HEARING,
                tenAm,
                "Room 4, Civic Centre",
                List.of("mgr.jones"),
                union,
                "cw.patel");
        final MeetingNotesRecorded notes = new MeetingNotesRecorded(ID, "m-1", "Both accounts heard", "cw.patel");

        @Test
        void aHearingIsScheduledWithTheReportersCompanionAndAdjourned() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED).when(hearing).expectEvents(scheduled);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, scheduled)
                    .when(new AdjournMeeting(ID, "m-1", "The representative is ill", tenAm.plusDays(7), "cw.patel"))
                    .expectEvents(new MeetingAdjourned(
                            ID, "m-1", "The representative is ill", tenAm.plusDays(7), "cw.patel"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, scheduled, notes)
                    .when(new AdjournMeeting(ID, "m-1", "Too late", null, "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("That meeting has been held: its notes are recorded");
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(hearing)
                    .expectNoEvents()
                    .expectExceptionMessage(
                            "A closed case cannot be changed; a case manager can reopen it for new evidence");
        }

        @Test
        void anAppealHearingOnlyWhileAnAppealIsOpenAndNothingElseThen() {
            var appealHearing = new ScheduleMeeting(
                    ID, "m-2", MeetingKind.APPEAL_HEARING, tenAm, "Video call", List.of(), union, "mgr.ahmed");
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(appealHearing)
                    .expectNoEvents()
                    .expectExceptionMessage("An appeal hearing is held only while an appeal is open");
            var underAppeal =
                    new Object[] {SUBMITTED, ROUTED, TRIAGED, RESOLVED, new AppealLodged(ID, "Not looked at", null)};
            fixture.given(underAppeal)
                    .when(appealHearing)
                    .expectEvents(new MeetingScheduled(
                            ID, "m-2", MeetingKind.APPEAL_HEARING, tenAm, "Video call", List.of(), union, "mgr.ahmed"));
            fixture.given(underAppeal)
                    .when(hearing)
                    .expectNoEvents()
                    .expectExceptionMessage("While the case is under appeal, only its appeal hearing is held");
        }

        @Test
        void notesAreRecordedOnceAndSharedWithTheReporterOnce() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, scheduled)
                    .when(new RecordMeetingNotes(ID, "m-1", "Both accounts heard", true, "cw.patel"))
                    .expectEvents(notes, new MeetingNotesShared(ID, "m-1", "cw.patel"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, scheduled, notes)
                    .when(new RecordMeetingNotes(ID, "m-1", "Again", false, "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("That meeting's notes are already recorded");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, scheduled)
                    .when(new ShareMeetingNotes(ID, "m-1", "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("That meeting's notes are not recorded yet");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, scheduled, notes, RESOLVED, CLOSED)
                    .when(new ShareMeetingNotes(ID, "m-1", "mgr.jones"))
                    .expectEvents(new MeetingNotesShared(ID, "m-1", "mgr.jones"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, scheduled, notes, new MeetingNotesShared(ID, "m-1", "cw.patel"))
                    .when(new ShareMeetingNotes(ID, "m-1", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("That meeting's notes are already shared with the reporter");
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(new RecordMeetingNotes(ID, "m-9", "Which meeting?", false, "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("The case has no meeting with that id");
        }
    }

    /** A while after closure the reporter is asked whether anything has happened since. */
    @Nested
    class CheckIn {

        @Test
        void theReporterReturnsTheMonitoringQuestionsOnceAndTheCaseKeepsOnlyThatTheyDid() {
            fixture.given(SUBMITTED, ROUTED)
                    .when(new ReturnMonitoring(ID), NOBODY)
                    .expectEvents(new MonitoringReturned(ID))
                    .expectResultMessagePayload(new ReturnMonitoring.Reported("council", ReportType.HATE_INCIDENT));
            fixture.given(SUBMITTED, ROUTED, new MonitoringReturned(ID))
                    .when(new ReturnMonitoring(ID), NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage(
                            "You have already answered the equality monitoring questions for this report");
        }

        final LocalDate due = LocalDate.parse("2026-12-14");
        final CheckInSent asked = new CheckInSent(ID, due);

        @Test
        void aClosedCaseIsCheckedOnOnceWhenItFallsDue() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new SendCheckIn(ID, due, due.plusDays(1)), Map.of())
                    .expectEvents(
                            asked, new MessageToReporterSent(ID, "check-in-" + due, Case.CHECK_IN_MESSAGE, "haven"))
                    .expectResultMessagePayload(true);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED, asked)
                    .when(new SendCheckIn(ID, due, due.plusDays(2)), Map.of())
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new SendCheckIn(ID, due, due.minusDays(1)), Map.of())
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
            fixture.given(
                            SUBMITTED,
                            ROUTED,
                            TRIAGED,
                            RESOLVED,
                            CLOSED,
                            new CaseReopened(ID, "New evidence", "mgr.jones"))
                    .when(new SendCheckIn(ID, due, due.plusDays(1)), Map.of())
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void nothingHappenedIsRecordedOnceAndOnlyWhenAsked() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new AnswerCheckIn(ID, false, null, APPEAL_DEADLINE), NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage("There is no check-in waiting for your answer");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED, asked)
                    .when(new AnswerCheckIn(ID, false, null, APPEAL_DEADLINE), NOBODY)
                    .expectEvents(new CheckInAnswered(ID, false, null));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED, asked, new CheckInAnswered(ID, false, null))
                    .when(new AnswerCheckIn(ID, true, "Again", APPEAL_DEADLINE), NOBODY)
                    .expectNoEvents()
                    .expectExceptionMessage("There is no check-in waiting for your answer");
        }

        @Test
        void beingTreatedBadlyForReportingReopensTheCaseWithNewDeadlines() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED, asked)
                    .when(
                            new AnswerCheckIn(ID, true, "Left off the rota since", APPEAL_DEADLINE.plusSeconds(1)),
                            NOBODY)
                    .expectEvents(
                            new CheckInAnswered(ID, true, "Left off the rota since"),
                            new CaseReopened(ID, Case.VICTIMISATION, "reporter"),
                            new DeadlinesSet(
                                    ID,
                                    null,
                                    LocalDate.parse("2026-12-03"),
                                    LocalDate.parse("2027-01-28"),
                                    DeadlineBasis.REOPENING));
        }
    }

    /** Letters from templates, each sent as a message telling the reporter it is there. */
    @Nested
    class Letters {

        @Test
        void anOutcomeLetterOnceResolvedAndItIsTheReportersContact() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(new SendLetter(ID, "l-1", LetterKind.OUTCOME, "Dear reporter", "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("An outcome letter is sent once the case is resolved");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED)
                    .when(new SendLetter(ID, "l-1", LetterKind.OUTCOME, "Dear reporter", "cw.patel"))
                    .expectEvents(
                            new LetterSent(ID, "l-1", LetterKind.OUTCOME, "Dear reporter", "cw.patel"),
                            new MessageToReporterSent(ID, "l-1", Case.LETTER_MESSAGE, "cw.patel"));
        }

        @Test
        void anAppealOutcomeOnlyOnceDecidedAndAnInvitationOnlyToAMeeting() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, new AppealLodged(ID, "Grounds", null))
                    .when(new SendLetter(ID, "l-2", LetterKind.APPEAL_OUTCOME, "Dear reporter", "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage("An appeal outcome letter is sent once the appeal is decided");
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(new SendLetter(ID, "l-3", LetterKind.MEETING_INVITATION, "Please come", "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("Arrange the meeting before inviting the reporter to it");
        }
    }

    /** The people complained about, and what has been done with them. */
    @Nested
    class Respondents {

        final RespondentRecorded supervisor = new RespondentRecorded(
                ID, "r-1", "D. Smith", "Shift supervisor", RespondentRelationship.MANAGER, "cw.patel");

        @Test
        void aRespondentIsRecordedThenInformedInterviewedAndReferredInThatOrder() {
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(new RecordRespondent(
                            ID, "r-1", "D. Smith", "Shift supervisor", RespondentRelationship.MANAGER, "cw.patel"))
                    .expectEvents(supervisor);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, supervisor)
                    .when(new TakeRespondentStep(ID, "r-1", RespondentStep.REFERRED_TO_DISCIPLINARY, "mgr.jones"))
                    .expectNoEvents()
                    .expectExceptionMessage(
                            "A respondent is informed of the complaint before any referral to the disciplinary process");
            var informed = new RespondentStepTaken(ID, "r-1", RespondentStep.INFORMED, "cw.patel");
            fixture.given(SUBMITTED, ROUTED, TRIAGED, supervisor, informed)
                    .when(new TakeRespondentStep(ID, "r-1", RespondentStep.REFERRED_TO_DISCIPLINARY, "mgr.jones"))
                    .expectEvents(
                            new RespondentStepTaken(ID, "r-1", RespondentStep.REFERRED_TO_DISCIPLINARY, "mgr.jones"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, supervisor, informed)
                    .when(new TakeRespondentStep(ID, "r-1", RespondentStep.INFORMED, "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("That step is already recorded for this respondent");
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(new TakeRespondentStep(ID, "r-9", RespondentStep.INTERVIEWED, "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage("The case has no respondent with that id");
            fixture.given(SUBMITTED, TRIAGED, RESOLVED, CLOSED)
                    .when(new RecordRespondent(ID, "r-2", "X", null, RespondentRelationship.UNKNOWN, "cw.patel"))
                    .expectNoEvents()
                    .expectExceptionMessage(
                            "A closed case cannot be changed; a case manager can reopen it for new evidence");
        }
    }

    /** A deadline passed unmet is escalated to the team's case managers, once, however often the sweep finds it. */
    @Nested
    class Escalation {

        final LocalDate triageDue = DUE_FOR_TRIAGE.triageDue();
        final List<String> managers = List.of("mgr.jones");
        final EscalateCase triageMissed =
                new EscalateCase(ID, EscalationReason.TRIAGE_OVERDUE, triageDue, null, managers, triageDue.plusDays(1));
        final CaseEscalated escalated =
                new CaseEscalated(ID, EscalationReason.TRIAGE_OVERDUE, triageDue, null, "equality", managers);

        @Test
        void anUntriagedReportPastItsTriageDateIsEscalatedToItsTeamsManagers() {
            fixture.given(SUBMITTED, ROUTED, DUE_FOR_TRIAGE)
                    .when(triageMissed, Map.of())
                    .expectEvents(escalated)
                    .expectResultMessagePayload(true);
        }

        @Test
        void aMissedDeadlineIsEscalatedOnce() {
            fixture.given(SUBMITTED, ROUTED, DUE_FOR_TRIAGE, escalated)
                    .when(triageMissed, Map.of())
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void nothingIsEscalatedOnTheDayItIsDue() {
            fixture.given(SUBMITTED, ROUTED, DUE_FOR_TRIAGE)
                    .when(
                            new EscalateCase(ID, EscalationReason.TRIAGE_OVERDUE, triageDue, null, managers, triageDue),
                            Map.of())
                    .expectNoEvents();
        }

        @Test
        void aDeadlineMetOrMovedIsNotEscalated() {
            fixture.given(SUBMITTED, ROUTED, DUE_FOR_TRIAGE, TRIAGED)
                    .when(triageMissed, Map.of())
                    .expectNoEvents();
            var firstContactMissed = new EscalateCase(
                    ID,
                    EscalationReason.FIRST_CONTACT_OVERDUE,
                    LocalDate.parse("2026-10-05"),
                    null,
                    managers,
                    LocalDate.parse("2026-10-06"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(firstContactMissed, Map.of())
                    .expectEvents(new CaseEscalated(
                            ID,
                            EscalationReason.FIRST_CONTACT_OVERDUE,
                            LocalDate.parse("2026-10-05"),
                            null,
                            "equality",
                            managers));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, new MessageToReporterSent(ID, "m-1", "Hello", "cw.patel"))
                    .when(firstContactMissed, Map.of())
                    .expectNoEvents();
            var moved = new DeadlinesSet(
                    ID, null, LocalDate.parse("2026-10-09"), LocalDate.parse("2026-11-10"), DeadlineBasis.TRIAGE);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, moved)
                    .when(firstContactMissed, Map.of())
                    .expectNoEvents();
        }

        @Test
        void anOverdueActionIsEscalatedUntilItIsDone() {
            var actionMissed = new EscalateCase(
                    ID,
                    EscalationReason.ACTION_OVERDUE,
                    ACTION.due(),
                    ACTION.actionId(),
                    managers,
                    ACTION.due().plusDays(3));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ACTION)
                    .when(actionMissed, Map.of())
                    .expectEvents(new CaseEscalated(
                            ID, EscalationReason.ACTION_OVERDUE, ACTION.due(), "a-1", "equality", managers));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ACTION, new ActionCompleted(ID, "a-1", "mgr.jones", "mgr.jones"))
                    .when(actionMissed, Map.of())
                    .expectNoEvents();
        }

        @Test
        void anActionsOwnerIsRemindedOnceOnTheDayItIsDue() {
            var onTheDay = new RemindActionOwner(ID, ACTION.actionId(), ACTION.due());
            var reminded = new ActionFallsDue(ID, ACTION.actionId(), ACTION.due());
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ACTION)
                    .when(onTheDay, Map.of())
                    .expectEvents(reminded)
                    .expectResultMessagePayload(true);
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ACTION, reminded)
                    .when(onTheDay, Map.of())
                    .expectNoEvents();
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ACTION)
                    .when(
                            new RemindActionOwner(
                                    ID, ACTION.actionId(), ACTION.due().minusDays(1)),
                            Map.of())
                    .expectNoEvents();
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ACTION, new ActionCompleted(ID, "a-1", "mgr.jones", "mgr.jones"))
                    .when(onTheDay, Map.of())
                    .expectNoEvents();
            fixture.given(SUBMITTED, ROUTED, TRIAGED, ACTION, RESOLVED, CLOSED)
                    .when(onTheDay, Map.of())
                    .expectNoEvents();
        }

        @Test
        void aResolvedOrClosedCaseIsNotEscalatedForGoingQuiet() {
            var quiet = new EscalateCase(
                    ID,
                    EscalationReason.NO_ACTIVITY,
                    LocalDate.parse("2026-10-20"),
                    null,
                    managers,
                    LocalDate.parse("2026-10-21"));
            fixture.given(SUBMITTED, ROUTED, TRIAGED)
                    .when(quiet, Map.of())
                    .expectEvents(new CaseEscalated(
                            ID,
                            EscalationReason.NO_ACTIVITY,
                            LocalDate.parse("2026-10-20"),
                            null,
                            "equality",
                            managers));
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED)
                    .when(quiet, Map.of())
                    .expectNoEvents();
            fixture.given(SUBMITTED, ROUTED, TRIAGED, RESOLVED, CLOSED)
                    .when(quiet, Map.of())
                    .expectNoEvents();
        }
    }
}
