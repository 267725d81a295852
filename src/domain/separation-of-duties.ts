import type { Bilingual } from './bilingual.js';

// Public money needs a second pair of eyes: whoever assessed an application may not decide it, and whoever
// verified a claim may not approve its payment. Pure, so the API checks it before sending a command and the
// workflow checks it again when the command arrives (the workflow is the last word on a case).

export type Duty = 'assess' | 'decide' | 'verify_claim' | 'approve_payment';

/** Duties that may not be done by a person who did the other. */
const incompatible: Record<Duty, readonly Duty[]> = {
  assess: ['decide'],
  decide: ['assess'],
  verify_claim: ['approve_payment'],
  approve_payment: ['verify_claim'],
};

const refusal: Record<Duty, Bilingual> = {
  assess: { cy: 'Ni chewch asesu cais a benderfynwyd gennych', en: 'You cannot assess an application you decided' },
  decide: { cy: 'Ni chewch benderfynu ar gais a aseswyd gennych', en: 'You cannot decide an application you assessed' },
  verify_claim: { cy: 'Ni chewch wirio hawliad y cymeradwywyd ei daliad gennych', en: 'You cannot verify a claim whose payment you approved' },
  approve_payment: { cy: 'Ni chewch gymeradwyo taliad hawliad a wiriwyd gennych', en: 'You cannot approve payment of a claim you verified' },
};

/** Who has done which duty on one case (or one claim). */
export type DutyRecord = Partial<Record<Duty, readonly string[]>>;

/** Undefined when `personId` may do `duty`; otherwise the reason, in Welsh and English. */
export function separationOfDutiesRefusal(personId: string, duty: Duty, done: DutyRecord): Bilingual | undefined {
  const conflict = incompatible[duty].some((other) => (done[other] ?? []).includes(personId));
  return conflict ? refusal[duty] : undefined;
}
