import type { Actor } from '../access/actor.js';
import type { PrismaClient } from '../db/prisma.js';
import { loadActor } from './load-actor.js';
import { endSession, startSession, type StartedSession } from './sessions.js';
import { signIn, type SignInInput } from './sign-in.js';
import { sessionLifetime, signInThrottleRule, type AuthSettings } from './settings.js';

export interface StartPasswordSessionOptions {
  prisma: PrismaClient;
  input: SignInInput;
  now: Date;
  /** The client's address, which wrong passwords are counted against (see sign-in.ts). */
  address: string;
  /** The session's lifetime and the throttle on wrong passwords come from here. */
  auth: AuthSettings;
  /** The session this browser had, which signing in ends: one session per cookie. */
  previousSessionToken?: string;
}

/**
 * Signs a person in with their email and password and starts their session: the one operation behind
 * POST /api/sign-in and the sign-in page. Throws as signIn does (wrong credentials, SignInThrottled).
 */
export async function startPasswordSession({
  prisma,
  input,
  now,
  address,
  auth,
  previousSessionToken,
}: StartPasswordSessionOptions): Promise<{ session: StartedSession; actor: Actor }> {
  // The seam for OpenID Connect: any way of signing in ends with a person id, then a session for it.
  const { personId } = await signIn({ prisma, input, now, address, throttle: signInThrottleRule(auth) });
  if (previousSessionToken) await endSession({ prisma, token: previousSessionToken });
  const session = await startSession({ prisma, personId, now, lifetime: sessionLifetime(auth) });
  const actor = await loadActor(prisma, personId, now);
  if (!actor) throw new Error(`Person ${personId} vanished while signing in`);
  return { session, actor };
}
