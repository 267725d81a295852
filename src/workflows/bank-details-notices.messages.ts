// The ids of the notices of a change of a group's bank details (one per person), and the delivery that
// sends them (src/operations/notices/deliver-notices.ts).

/** The notices of one change: `organisation:<id>:bank-account:<version>:`, then the person's id. */
export const bankDetailsNotificationPrefix = (organisationId: string, version: number) => `organisation:${organisationId}:bank-account:${version}:`;

/** One delivery per change, named after it. */
export const bankDetailsNoticeWorkflowId = (organisationId: string, version: number) => `organisation:${organisationId}/bank-account/${version}/notices`;
