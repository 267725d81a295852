/** One email to one person, in their language, as the outbox holds it. */
export interface OutgoingEmail {
  /** The notification's id (`${reference}:${sequence}:${personId}`): the same message always has the same id. */
  id: string;
  /** The recipient's address. */
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
  /** 'cy' or 'en', sent as Content-Language. */
  language: string;
}

/**
 * Sends email. In development a file mailbox (./file-mailbox.ts); a real sender for production implements
 * the same interface. `send` resolves once the message is handed over, and rejects otherwise so the activity
 * calling it fails and Temporal retries it. Sending the same id twice should deliver it at most once where
 * the sender can arrange that (the file mailbox overwrites the same file).
 */
export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
}
