import { z } from 'zod';
import { Prisma } from '../../../generated/prisma/client.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { oneLineText } from '../../domain/text.js';
import { auditAccountEvent } from '../../auth/account-audit.js';
import { hashPassword, passwordProblems } from '../../auth/passwords.js';
import type { AuthSettings } from '../../auth/settings.js';
import { mailAccountLink, sendAccountMessage, type AccountMailer } from './account-mail.js';

export const accountEmail = z.string().trim().toLowerCase().pipe(z.email().max(320));

/** Where to go after confirming: only a path of this service (a `next` comes from an address bar). */
export const ownNextPath = z
  .string()
  .max(2000)
  .refine((value) => value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\'), 'A path of this service, beginning with one /')
  .meta({ description: 'A path of this service to go to after confirming the email address (e.g. /invitations/…); /dashboard when left out' });

export const createAccountInput = z
  .strictObject({
    name: oneLineText(200),
    email: accountEmail,
    // Checked by passwordProblems (at least 12 characters, not the email); bounded before argon2 sees it.
    password: z.string().min(1).max(1024),
    language: z.enum(['cy', 'en']).meta({ description: 'The language of every page, letter and email sent to the person' }),
    next: ownNextPath.optional(),
  })
  .meta({ id: 'CreateAccountRequest' });

export type CreateAccountInput = z.infer<typeof createAccountInput>;

/** A new password the rules refuse; `field` names the form field it belongs beside. */
export class PasswordRefused extends AppError {
  constructor(
    problems: { cy: string; en: string }[],
    readonly field: 'password' | 'newPassword' = 'password',
  ) {
    super('invalid_input', { cy: problems.map((p) => p.cy).join('. '), en: problems.map((p) => p.en).join('. ') });
  }
}

/** Throws PasswordRefused naming every problem with a new password. */
export function assertNewPassword(password: string, email: string, field: 'password' | 'newPassword' = 'password'): void {
  const problems = passwordProblems(password, { email });
  if (problems.length > 0) throw new PasswordRefused(problems, field);
}

/**
 * Creates an account whose email address is not yet confirmed, and mails the link that confirms it. The
 * answer is the same whether or not the address already has an account, so nobody can use this form to
 * learn who has one: for an address that has, nothing is created and its owner is mailed instead (someone
 * tried to make an account with your address; sign in, or reset your password with this link).
 */
export async function createAccount({
  prisma,
  input,
  now,
  auth,
  mail,
}: {
  prisma: PrismaClient;
  input: CreateAccountInput;
  now: Date;
  auth: AuthSettings;
  mail: AccountMailer;
}): Promise<void> {
  assertNewPassword(input.password, input.email);
  // Hashed for an address that has an account too, so the answer's timing says no more than its words.
  const passwordHash = await hashPassword(input.password);
  let sent: { personId: string; tokenId: string } | undefined;
  try {
    sent = await prisma.$transaction(async (tx) => {
      const existing = await tx.person.findUnique({ where: { email: input.email }, select: { id: true, email: true, name: true, language: true } });
      // Taken: the same answer, and its owner a notice with a reset link rather than a second account.
      if (existing) return mailAccountLink(tx, { person: existing, kind: 'address_taken', now, auth });
      const person = await tx.person.create({
        data: { email: input.email, name: input.name, language: input.language, passwordHash, emailConfirmedAt: null, createdAt: now },
        select: { id: true, email: true, name: true, language: true },
      });
      await auditAccountEvent(tx, {
        personId: person.id,
        at: now,
        command: 'account.create',
        summary: { cy: 'Creodd gyfrif', en: 'Created an account' },
        changes: { email: person.email, name: person.name, language: person.language, emailConfirmed: false },
      });
      return mailAccountLink(tx, { person, kind: 'confirm_email', nextPath: input.next ?? null, now, auth });
    });
  } catch (error) {
    // Two requests for one new address at once: the other made the account, which is the same answer.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
  }
  if (sent) await sendAccountMessage(mail, sent);
}
