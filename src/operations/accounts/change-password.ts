import { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import { auditAccountEvent } from '../../auth/account-audit.js';
import { hashPassword, verifyNothing, verifyPassword } from '../../auth/passwords.js';
import { digestOf } from '../../auth/secrets.js';
import { type AuthSettings, signInThrottleRule } from '../../auth/settings.js';
import { claimSignInAttempt, forgetSignInFailures } from '../../auth/sign-in-throttle.js';
import { SignInThrottled } from '../../auth/sign-in.js';
import { assertNewPassword } from './create-account.js';

export const changePasswordInput = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024).meta({ description: 'At least 12 characters, not the email address' }),
  })
  .meta({ id: 'PasswordChange' });

export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

/** The current password given was wrong: shown beside its field. */
export class WrongCurrentPassword extends AppError {
  constructor() {
    super('invalid_input', { cy: 'Nid dyna’ch cyfrinair presennol', en: 'That is not your current password' });
  }
}

/**
 * A signed-in person changes their password, proving they know the current one, and every other session
 * of theirs ends (one kept by someone who learnt the old password among them); the one they are using
 * stays. Wrong current passwords count towards sign-in's throttle, as guesses at sign-in do, so a stolen
 * session cannot be used to guess the password at leisure.
 */
export async function changePassword({
  prisma,
  personId,
  input,
  now,
  address,
  auth,
  keepSessionToken,
}: {
  prisma: PrismaClient;
  personId: string;
  input: ChangePasswordInput;
  now: Date;
  address: string;
  auth: AuthSettings;
  /** The session the change was made in, which stays; absent for an API token, when every session ends. */
  keepSessionToken?: string | undefined;
}): Promise<void> {
  const person = await prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { email: true, passwordHash: true } });
  const wait = await claimSignInAttempt(prisma, { email: person.email, address, now, rule: signInThrottleRule(auth) });
  if (wait > 0) throw new SignInThrottled(wait);
  const right = person.passwordHash ? await verifyPassword(person.passwordHash, input.currentPassword) : await verifyNothing(input.currentPassword);
  if (!right) throw new WrongCurrentPassword();
  await forgetSignInFailures(prisma, { email: person.email, address });
  assertNewPassword(input.newPassword, person.email, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.person.update({ where: { id: personId }, data: { passwordHash } });
    const { count: sessionsEnded } = await tx.session.deleteMany({
      where: { personId, ...(keepSessionToken ? { tokenHash: { not: digestOf(keepSessionToken) } } : {}) },
    });
    // Links mailed to reset the old password are of no more use, and should not outlive it.
    await tx.accountToken.updateMany({ where: { personId, purpose: 'password_reset', usedAt: null }, data: { usedAt: now } });
    await auditAccountEvent(tx, {
      personId,
      at: now,
      command: 'account.change_password',
      summary: { cy: 'Newidiodd ei gyfrinair', en: 'Changed their password' },
      changes: { sessionsEnded },
    });
  });
}
