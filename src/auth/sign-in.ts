import { z } from 'zod';
import type { PrismaClient } from '../db/prisma.js';
import { AppError } from '../domain/app-error.js';
import { verifyNothing, verifyPassword } from './passwords.js';
import { claimSignInAttempt, forgetSignInFailures, type SignInThrottleRule } from './sign-in-throttle.js';

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
  /** The client's address (req.ip), which wrong passwords are counted against together with the email. */
  address: string;
  throttle: SignInThrottleRule;
}

/** Who the credentials prove the caller to be; what happens next (a session) is the caller's choice. */
export interface SignedIn {
  personId: string;
}

// One answer for every failure (unknown email, no password, wrong password), so sign-in does not tell a
// stranger which emails have accounts.
function notSignedIn(): AppError {
  return new AppError('unauthenticated', {
    cy: 'Mae’r cyfeiriad e-bost neu’r cyfrinair yn anghywir. Ar ôl sawl ymgais aflwyddiannus o’r un cyfeiriad, rhaid aros cyn rhoi cynnig arall arni.',
    en: 'The email address or password is wrong. After several unsuccessful attempts from the same address, you must wait before trying again.',
  });
}

/**
 * Too many wrong passwords for this email from this address: wait `retryAfterSeconds` (the route sends it
 * as Retry-After). It says nothing about the account: an email with none is counted just the same.
 */
export class SignInThrottled extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    const english = retryAfterSeconds === 1 ? 'second' : 'seconds';
    super('too_many_requests', {
      cy: `Gormod o gyfrineiriau anghywir ar gyfer y cyfrif hwn o’r cyfeiriad hwn. Rhowch gynnig arall arni ymhen ${retryAfterSeconds} eiliad.`,
      en: `Too many wrong passwords for this account from this address. Try again in ${retryAfterSeconds} ${english}.`,
    });
  }
}

/**
 * The right password for an account whose email address is not confirmed yet. Said only after the password
 * was checked and found right: to an unknown address or a wrong password the answer stays notSignedIn's, so
 * this tells nobody anything they did not know (only the owner of the password learns the account is
 * waiting). It is 401, as the other refusals are, so every sign-in form shows it beside the email address.
 */
export class EmailNotConfirmed extends AppError {
  constructor() {
    super('unauthenticated', {
      cy: 'Nid yw eich cyfeiriad e-bost wedi’i gadarnhau eto. Agorwch y ddolen yn yr e-bost a anfonwyd atoch, neu gofynnwch am un newydd yn /confirm-email/resend.',
      en: 'Your email address is not confirmed yet. Open the link in the email we sent you, or ask for a new one at /confirm-email/resend.',
    });
  }
}

/**
 * Checks an email and password. Password sign-in is one way of establishing a person id; OpenID Connect
 * will be another, ending at the same place (a session for that person id), so authorisation never knows
 * which was used.
 */
export async function signIn({ prisma, input, now, address, throttle }: SignInOptions): Promise<SignedIn> {
  // Counted before the password is checked (and forgotten if it is right), so that concurrent guesses each
  // count; a pair that must wait is told so without its password being tried.
  const wait = await claimSignInAttempt(prisma, { email: input.email, address, now, rule: throttle });
  if (wait > 0) throw new SignInThrottled(wait);
  const person = await prisma.person.findUnique({ where: { email: input.email }, select: { id: true, passwordHash: true, emailConfirmedAt: true } });
  if (!person?.passwordHash) {
    // Spend the time a real check takes, so the answer's timing says no more than its words.
    await verifyNothing(input.password);
    throw notSignedIn();
  }
  if (!(await verifyPassword(person.passwordHash, input.password))) throw notSignedIn();
  await forgetSignInFailures(prisma, { email: input.email, address });
  if (!person.emailConfirmedAt) throw new EmailNotConfirmed();
  return { personId: person.id };
}
