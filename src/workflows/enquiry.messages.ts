import type { Language } from '../domain/bilingual.js';
import type { RoleName } from '../domain/roles.js';

// What the API needs to know about the enquiry workflow, importable without pulling in workflow code.
export const ENQUIRY_WORKFLOW = 'enquiryWorkflow';

export interface EnquiryReceived {
  reference: string;
  organisationName: string;
  contactEmail: string;
  message: string;
  language: Language;
  /** The community group it is from. */
  organisationId: string;
  /** Who sent it, and in which role: the audit trail records both. */
  submittedBy: { personId: string; role: RoleName };
  /** ISO 8601; taken when the API accepted the enquiry, so the workflow never reads the clock. */
  receivedAt: string;
}
