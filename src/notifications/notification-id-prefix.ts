/**
 * The notifications of an event that is not a case event (a monitoring return's), by the start of their ids.
 * Here rather than beside the activity that sends them, so the API side (bank details) can name a delivery
 * without importing activity code.
 */
export interface NotificationIdPrefix {
  reference: string;
  idPrefix: string;
}
