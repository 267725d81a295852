import { z } from 'zod';
import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';
import { clearFailedSignIns, recordFailedSignIn, type LockoutRule } from './lockout.js';
import { verifyNothing, verifyPassword } from './passwords.js';

export const signInInput = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  // Generous, but bounded: argon2 should never be handed megabytes by a stranger.
  password: z.string().min(1).max(1024),
});

export type SignInInput = z.infer<typeof signInInput>;

export interface SignInOptions {
  prisma: PrismaClient;
  input: SignInInput;
  now: Date;
  lockout: LockoutRule;
}

/** Who the credentials prove the caller to be; what happens next (a session) is the caller's choice. */
export interface SignedIn {
  personId: string;
}

// One answer for every failure (unknown email, no password, wrong password, locked), so sign-in does not
// tell a stranger which emails have accounts or which are locked.
function notSignedIn(): AppError {
  return new AppError('unauthenticated', {
    cy: 'Mae’r cyfeiriad e-bost neu’r cyfrinair yn anghywir. Ar ôl sawl ymgais aflwyddiannus, mae mewngofnodi’n cael ei rwystro am gyfnod.',
    en: 'The email address or password is wrong. After several unsuccessful attempts, signing in is paused for a while.',
  });
}

/**
 * Checks an email and password. Password sign-in is one way of establishing a person id; OpenID Connect
 * will be another, ending at the same place (a session for that person id), so authorisation never knows
 * which was used.
 */
export async function signIn({ prisma, input, now, lockout }: SignInOptions): Promise<SignedIn> {
  const person = await prisma.person.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, lockedUntil: true },
  });
  if (!person?.passwordHash) {
    // Spend the time a real check takes, so the answer's timing says no more than its words.
    await verifyNothing(input.password);
    throw notSignedIn();
  }
  // Verify even when locked: a locked account answers as slowly as any other.
  const correct = await verifyPassword(person.passwordHash, input.password);
  const locked = person.lockedUntil !== null && person.lockedUntil > now;
  if (locked) throw notSignedIn();
  if (!correct) {
    await recordFailedSignIn(prisma, person.id, now, lockout);
    throw notSignedIn();
  }
  if (!(await clearFailedSignIns(prisma, person.id, now))) throw notSignedIn();
  return { personId: person.id };
}
