import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { financialYearOf } from '../../src/domain/financial-year.js';
import type { TestSystem } from './app.js';
import { scores } from './cfp.js';
import { CfpApiCases } from './cfp-api.js';
import { eventually } from './http.js';
import { createPerson, type TestPerson } from './people.js';

// The people and cases the group's later CFP pages need: a group whose lead and member use the pages (and
// a lead and member of the same group for its earlier steps over the API), programme staff to move each
// case on over the API, and cases brought to the stage a page is about.

export interface LaterCfpCast {
  cases: CfpApiCases;
  policy: CfpPolicy;
  group: { id: string; name: string };
  /** The group's lead and member on the pages. */
  lead: TestPerson;
  member: TestPerson;
}

export async function laterCfpCast(system: TestSystem, policy: CfpPolicy, language: 'cy' | 'en' = 'en'): Promise<LaterCfpCast> {
  const cases = new CfpApiCases(system, policy);
  const group = await cases.group();
  await cases.person('caseworker', [{ role: 'caseworker' }]);
  await cases.person('assessorA', [{ role: 'assessor' }]);
  await cases.person('assessorB', [{ role: 'assessor' }]);
  await cases.person('approver', [{ role: 'approver', delegatedLimitPence: 25_000_000n }]);
  await cases.person('financeApprover', [{ role: 'finance_approver' }]);
  await cases.person('financeOfficer', [{ role: 'finance_officer' }]);
  const lead = await createPerson(system.prisma, { name: 'Gwen Arweinydd', language, grants: [{ role: 'applicant_lead', organisationId: group.id }] });
  const member = await createPerson(system.prisma, { name: 'Huw Aelod', language, grants: [{ role: 'applicant_member', organisationId: group.id }] });
  return { cases, policy, group, lead, member };
}

/** A new case of the group, its EOI sent and the group invited to make the full application. */
export async function invitedCase({ cases }: LaterCfpCast): Promise<string> {
  const reference = await cases.start();
  await cases.toScreening(reference);
  await cases.step('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
  return reference;
}

/** The full application sent (by the pages or the API) and scored, recommended and approved: an offer of `amountPence`. */
export async function offerAfterAssessment({ cases, policy }: LaterCfpCast, reference: string, amountPence: number): Promise<void> {
  const base = `/api/applications/${reference}`;
  for (const assessor of ['assessorA', 'assessorB']) {
    await cases.step(assessor, 'POST', `${base}/assessments/declarations`, { conflict: false });
    await cases.step(assessor, 'POST', `${base}/assessments`, { scores: scores(policy, 4) });
  }
  await cases.step('caseworker', 'POST', `${base}/recommendation`, { recommendation: 'approve', amountPence, reasons: 'Prosiect cryf' });
  await cases.step('approver', 'POST', `${base}/decisions`, {
    outcome: 'approve',
    amountPence,
    conditions: [{ cy: 'Rhaid i’r gwaith ddechrau o fewn chwe mis', en: 'Work must start within six months' }],
    reasons: 'Yn cyflawni amcanion y rhaglen',
  });
}

/** A new case of the group with an offer of `amountPence` waiting for its answer. */
export async function offeredCase(cast: LaterCfpCast, amountPence = 1_800_000): Promise<string> {
  const reference = await cast.cases.start();
  await cast.cases.toScreening(reference);
  await cast.cases.toRecommendation(reference, { assessors: ['assessorA', 'assessorB'] });
  const base = `/api/applications/${reference}`;
  await cast.cases.step('caseworker', 'POST', `${base}/recommendation`, { recommendation: 'approve', amountPence, reasons: 'Prosiect cryf' });
  await cast.cases.step('approver', 'POST', `${base}/decisions`, {
    outcome: 'approve',
    amountPence,
    conditions: [{ cy: 'Rhaid i’r gwaith ddechrau o fewn chwe mis', en: 'Work must start within six months' }],
    reasons: 'Yn cyflawni amcanion y rhaglen',
  });
  return reference;
}

/** An accepted award committed against a budget, with a claim of one line from the group's lead, on which the caseworker asked for more evidence. */
export async function claimAwaitingEvidence({ cases }: LaterCfpCast, reference: string): Promise<void> {
  await eventually(() => cases.call('lead', 'GET', `/api/awards/${reference}`).then((answer) => (answer.status === 200 ? true : undefined)));
  await cases.step('financeApprover', 'POST', '/api/finance/budgets', {
    programme: 'CFP',
    financialYear: financialYearOf(new Date()),
    amountPence: 100_000_000,
  });
  await cases.step('financeOfficer', 'POST', `/api/awards/${reference}/commitment`, {});
  await cases.step('lead', 'POST', `/api/awards/${reference}/claims`, {
    kind: 'stage',
    lines: [
      { description: 'Llechi to', supplier: 'Toi Cymru Cyf', invoiceNumber: 'INV-7', invoiceDate: '2026-10-01', amountPence: 500_000, evidenceFileIds: [] },
    ],
  });
  await eventually(async () => (((await cases.call('lead', 'GET', `/api/awards/${reference}`)).json.claims as unknown[]).length === 1 ? true : undefined));
  await cases.step('caseworker', 'POST', `/api/awards/${reference}/claims/1/evidence-requests`, {
    lineNumbers: [1],
    message: 'Anfonwch yr anfoneb gan y töwr, os gwelwch yn dda',
  });
}
