// What the API needs to start sending the notices of a change of bank details, importable without
// workflow code: the workflow's name and id, and the ids of the notices (one per person).

export const BANK_DETAILS_NOTICE_WORKFLOW = 'bankDetailsNoticeWorkflow';

/** The notices of one change: `organisation:<id>:bank-account:<version>:`, then the person's id. */
export const bankDetailsNotificationPrefix = (organisationId: string, version: number) => `organisation:${organisationId}:bank-account:${version}:`;

/** One delivery per change, named after it. */
export const bankDetailsNoticeWorkflowId = (organisationId: string, version: number) => `organisation:${organisationId}/bank-account/${version}/notices`;

/** The notices to send: those of `reference` whose ids start with `idPrefix` (the NotificationIdPrefix deliverNotifications takes). */
export interface BankDetailsNoticeStart {
  reference: string;
  idPrefix: string;
}
