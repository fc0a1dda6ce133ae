package haven.events;

import org.axonframework.serialization.Revision;

/**
 * What the police recorded: their crime reference number and whether it is a crime or a non-crime
 * hate incident. Recorded again when the police change it; the latest stands. Personal data:
 * {@code crimeReference}, {@code classification} (together they identify a police record of the
 * reporter).
 */
@Revision("1")
public record PoliceReportRecorded(
        CaseId caseId,
        @PersonalData String crimeReference,
        @PersonalData PoliceClassification classification,
        String recordedBy) {}
