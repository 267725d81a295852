import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';
import { AppError } from '../domain/app-error.js';
import type { Bilingual } from '../domain/bilingual.js';

/** How much work one password hash costs; recorded inside each hash, so verifying needs none of it. */
export interface HashCost {
  /** KiB of memory per hash. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
  parallelism: number;
}

// argon2id with OWASP's first recommended setting (19 MiB, 2 passes, 1 lane). The memory makes each guess
// expensive on GPUs and ASICs if the hashes ever leak; it stays around 20-40 ms and 19 MiB per sign-in on
// one server core, so a burst of sign-ins cannot starve a 2-core machine or its Temporal worker. One lane
// because parallelism would only spend the cores that other requests need. Raise these with the hardware:
// older hashes keep verifying because each hash carries its own parameters.
export const passwordHashCost: HashCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// @node-rs/argon2 declares its Algorithm as a const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Options['algorithm'];

/**
 * The same password typed on different keyboards must match: Welsh ŵ and ŷ can arrive precomposed or as
 * w/y plus a combining circumflex. NFKC (as NIST SP 800-63B advises) makes them one string.
 */
function normalised(password: string): string {
  return password.normalize('NFKC');
}

/** An argon2id hash in PHC string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash). */
export function hashPassword(password: string, cost: HashCost = passwordHashCost): Promise<string> {
  return hash(normalised(password), { ...cost, algorithm: ARGON2ID });
}

/** False for a wrong password and for a hash that is not one of ours, never an exception. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalised(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time a real verification takes, for sign-ins with no password to check (an unknown email,
 * a person who signs in elsewhere), so the response time does not tell which emails have accounts.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

export const passwordMinimumLength = 12;
// Long enough for any passphrase or password manager, short enough that nobody makes us hash megabytes.
export const passwordMaximumLength = 256;

/** What is wrong with a new password, in Welsh and English; empty when it is acceptable. */
export function passwordProblems(password: string, { email }: { email: string }): Bilingual[] {
  const problems: Bilingual[] = [];
  // Code points, not UTF-16 units: a Welsh ŵ counts once, as a person counts it.
  const length = [...normalised(password)].length;
  if (length < passwordMinimumLength) {
    problems.push({
      cy: `Rhaid i’r cyfrinair fod o leiaf ${passwordMinimumLength} nod o hyd`,
      en: `The password must be at least ${passwordMinimumLength} characters long`,
    });
  }
  if (length > passwordMaximumLength) {
    problems.push({
      cy: `Ni all y cyfrinair fod yn hwy na ${passwordMaximumLength} nod`,
      en: `The password cannot be longer than ${passwordMaximumLength} characters`,
    });
  }
  if (normalised(password).trim().toLowerCase() === email.trim().toLowerCase()) {
    problems.push({
      cy: 'Ni all y cyfrinair fod yr un peth â’ch cyfeiriad e-bost',
      en: 'The password cannot be the same as your email address',
    });
  }
  return problems;
}

/** Throws 400 problem details naming every problem with a new password. */
export function assertAcceptablePassword(password: string, person: { email: string }): void {
  const problems = passwordProblems(password, person);
  if (problems.length === 0) return;
  throw new AppError('invalid_input', {
    cy: problems.map((problem) => problem.cy).join('. '),
    en: problems.map((problem) => problem.en).join('. '),
  });
}
