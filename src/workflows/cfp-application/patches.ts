// Patches: what changed in the commands a running case makes, each with both paths kept (test/histories).

export const informationRequestOpenUntilAnswered = 'information-request-open-until-answered';
/** Linking a transfer that has ended already tells the transfer too, and settles the condition as of the link. */
export const tenureLinkToldToTransfer = 'tenure-link-told-to-transfer';
/** A case officer given by the programme's rule as the expression of interest is sent. */
export const caseOfficerOnSubmission = 'case-officer-on-submission';
