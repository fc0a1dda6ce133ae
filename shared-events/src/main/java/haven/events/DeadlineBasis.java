package haven.events;

/** Why a case's deadlines are what they are; each counts in working days under the partnership's calendar. */
public enum DeadlineBasis {
    /** A new report (or a partner's referral): due for triage, counted from its receipt. */
    RECEIPT,
    /** Triage set the risk: first contact and resolution counted from the receipt, or dates the triager chose. */
    TRIAGE,
    /** A reopened case: first contact and resolution counted again from the day it was reopened. */
    REOPENING
}
