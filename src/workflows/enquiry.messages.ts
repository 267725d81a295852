import type { Language } from '../domain/bilingual.js';

// What the API needs to know about the enquiry workflow, importable without pulling in workflow code.
export const ENQUIRY_WORKFLOW = 'enquiryWorkflow';


export interface EnquiryReceived {
  reference: string;
  organisationName: string;
  contactEmail: string;
  message: string;
  language: Language;
  /** ISO 8601; taken when the API accepted the enquiry, so the workflow never reads the clock. */
  receivedAt: string;
}
