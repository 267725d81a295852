// What the API needs to send mail that belongs to no case (an account's confirmation link, a password
// reset, an invitation to a group), importable without workflow code.

export const NOTICE_DELIVERY_WORKFLOW = 'noticeDeliveryWorkflow';

/** The notices to send: those of `reference` whose ids start with `idPrefix` (the NotificationIdPrefix deliverNotifications takes). */
export interface NoticeDeliveryStart {
  reference: string;
  idPrefix: string;
}
