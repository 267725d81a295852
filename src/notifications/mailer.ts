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
 * The message was refused for good (an address that is not one, a mailbox the mail service says does not
 * exist): sending it again cannot succeed. Any other failure is taken as passing (the relay is down) and
 * retried.
 */
export class MailRefused extends Error {
  override name = 'MailRefused';
}

/**
 * Sends email. In development a file mailbox (./file-mailbox.ts); a real sender for production implements
 * the same interface. `send` resolves once the message is handed over, and rejects otherwise: with MailRefused when
 * retrying cannot help (the message is marked failed), with anything else so that Temporal retries it. Sending the same id twice should deliver it at most once where
 * the sender can arrange that (the file mailbox overwrites the same file).
 */
export interface Mailer {
  send(message: OutgoingEmail): Promise<void>;
}
