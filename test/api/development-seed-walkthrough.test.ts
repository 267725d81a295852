import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialYearOf } from '../../src/domain/financial-year.js';
import { loadCfpPolicies } from '../../src/programmes/cfp-policy.js';
import { seedDevelopment } from '../../src/seed/development.js';
import { seedPeople } from '../../src/seed/development-data.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { eoiAnswers, fullApplicationAnswers, scores } from '../support/cfp.js';
import { eventually } from '../support/http.js';
import { sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// A new user's first hour: `npm start`'s development people and nothing else (this test adds nobody),
// the programme's real policy file, and one case driven through the API from the first draft to an award
// and its first payment in a payment run. Every step is done by the seeded person whose job it is, so a
// step nobody in the seed may do (a second assessment, a verification by someone other than the maker)
// fails here.

describe('the development seed', () => {
  let system: TestSystem;
  const sessions = new Map<string, WebSession>();

  beforeAll(async () => {
    system = await startTestSystem({ cfpPolicies: await loadCfpPolicies() });
    await seedDevelopment(system.prisma, { nodeEnv: 'development' });
  });

  afterAll(() => system?.stop());

  /** Signs in as a seeded person, with the password the README gives. */
  async function as(email: string): Promise<WebSession> {
    const known = sessions.get(email);
    if (known) return known;
    const person = seedPeople.find((p) => p.email === email);
    if (!person) throw new Error(`${email} is not in the development seed`);
    const session = await signInOverHttp(system.url, { email, password: person.password });
    sessions.set(email, session);
    return session;
  }

  async function call(email: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(await as(email)) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  /** A step that must be done: it answers 2xx, or the test fails naming the step and the answer. */
  async function step(email: string, method: string, path: string, body?: unknown) {
    const answer = await call(email, method, path, body);
    const done = answer.status >= 200 && answer.status < 300;
    expect({ step: `${email} ${method} ${path}`, done, status: answer.status, detail: answer.json.detail }).toMatchObject({ done: true });
    return answer.json;
  }

  it('takes a case from the seed alone to an award and its first payment in a payment run', async () => {
    const lead = 'arweinydd@neuadd.example';
    const member = 'aelod@neuadd.example';
    const caseworker = 'gweithiwr.achos1@llyw.example';
    const policy = (await loadCfpPolicies()).effectiveAt(new Date());

    const started = await step(member, 'POST', '/api/applications', { projectTitle: 'To newydd i’r neuadd', language: 'cy' });
    const reference = String(started.reference);
    const base = `/api/applications/${reference}`;
    await step(member, 'PATCH', `${base}/eoi`, { answers: eoiAnswers() });
    await step(lead, 'POST', `${base}/eoi/submission`, {});
    await step(caseworker, 'POST', `${base}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    await step(member, 'PATCH', `${base}/full-application`, { answers: fullApplicationAnswers() });
    await step(lead, 'POST', `${base}/full-application/submission`, {});

    // As many assessors as the policy needs, each a different seeded person (with too few, the case
    // stays in assessment and cannot be recommended).
    const assessors = seedPeople.filter((p) => p.role === 'assessor').map((p) => p.email);
    for (const assessor of assessors.slice(0, policy.assessment.assessorsRequired)) {
      await step(assessor, 'POST', `${base}/assessments/declarations`, { conflict: false });
      await step(assessor, 'POST', `${base}/assessments`, { scores: scores(policy, 4) });
    }
    await step(caseworker, 'POST', `${base}/recommendation`, { recommendation: 'approve', amountPence: 2_000_000, reasons: 'Prosiect cryf' });
    const decided = await step('approver@llyw.example', 'POST', `${base}/decisions`, {
      outcome: 'approve',
      amountPence: 2_000_000,
      conditions: [],
      reasons: 'Yn cyflawni amcanion y rhaglen',
    });
    expect(decided.status).toBe('offered');
    expect((await step(lead, 'POST', `${base}/offer/acceptance`, { declaration: true, signatoryName: 'Siân Prys' })).status).toBe('accepted');

    // The money: a budget for the year, the commitment, the group's bank account verified by someone
    // other than whoever gave it, a claim verified by a caseworker and approved for payment by a finance
    // approver, and a payment run that takes its instruction.
    const financialYear = financialYearOf(new Date());
    await step('finance.approver@llyw.example', 'POST', '/api/finance/budgets', { programme: 'CFP', financialYear, amountPence: 100_000_000 });
    await step('finance@llyw.example', 'POST', `/api/awards/${reference}/commitment`, {});
    const village = await system.prisma.organisation.findUniqueOrThrow({ where: { orgId: 'GB-CHC-1199001' } });
    const account = await step(lead, 'POST', `/api/organisations/${village.id}/bank-account`, {
      accountName: 'Neuadd Bentref Llanfair Teg',
      sortCode: '12-34-56',
      accountNumber: '12345678',
    });
    await step('finance@llyw.example', 'POST', `/api/organisations/${village.id}/bank-account/verification`, {
      version: account.version,
      method: 'call_back_known_contact',
      note: 'Rang y trysorydd ar y rhif yn ein cofnodion',
    });

    await step(lead, 'POST', `/api/awards/${reference}/claims`, {
      kind: 'stage',
      lines: [
        { description: 'Llechi to', supplier: 'Toi Cymru Cyf', invoiceNumber: 'INV-7', invoiceDate: '2026-10-01', amountPence: 500_000, evidenceFileIds: [] },
      ],
    });
    await eventually(async () => ((await call(lead, 'GET', `/api/awards/${reference}`)).json.claims as unknown[]).length === 1 || undefined);
    await step(caseworker, 'POST', `/api/awards/${reference}/claims/1/verification`, {
      findings: [{ lineNumber: 1, decision: 'approve', approvedPence: 500_000 }],
    });
    await step('finance.approver@llyw.example', 'POST', `/api/awards/${reference}/claims/1/payment-approval`, {});
    await eventually(async () => {
      const award = await call(lead, 'GET', `/api/awards/${reference}`);
      return (award.json.claims as { status: string }[])[0]?.status === 'payment_instructed' || undefined;
    });

    const run = await step('finance@llyw.example', 'POST', '/api/finance/payment-runs', {});
    expect(run.heldBack).toEqual([]);
    expect(run.instructions).toEqual([
      expect.objectContaining({ awardReference: reference, organisationId: village.id, amountPence: 450_000, status: 'in_run' }),
    ]);
  });

  it('has someone for every step: two assessors or more, a manager for each case officer, and second approvers where the rules want two', async () => {
    const grants = await system.prisma.roleGrant.findMany({ where: { revokedAt: null }, include: { person: true } });
    const holding = (role: string) => grants.filter((g) => g.role === role);
    const policy = (await loadCfpPolicies()).effectiveAt(new Date());
    expect(holding('assessor').length).toBeGreaterThan(policy.assessment.assessorsRequired);
    // A variation beyond one approver's limit needs a second; a recovery lowered by one, agreed by a
    // second, is written off by a third.
    expect(holding('finance_approver').length).toBeGreaterThanOrEqual(3);
    expect(holding('finance_officer').length).toBeGreaterThanOrEqual(1);
    // An approver of large awards and the panel above the policy's threshold.
    const limits = holding('approver').map((g) => g.delegatedLimitPence ?? 0n);
    expect(limits.some((limit) => limit > BigInt(policy.delegatedAuthority.approverMaxPence) - 1n)).toBe(true);
    expect(holding('panel_member').length).toBeGreaterThanOrEqual(1);
    // Every case officer (caseworker, asset officer) has a manager to escalate to; the council has two
    // asset officers, so a transfer can be handed on.
    for (const officer of [...holding('caseworker'), ...holding('asset_officer')]) {
      const isManager = grants.some((g) => g.person.managerId === officer.personId);
      if (!isManager) expect({ officer: officer.person.email, managerId: officer.person.managerId }).toMatchObject({ managerId: expect.any(String) });
    }
    expect(new Set(holding('asset_officer').map((g) => g.organisationId)).size).toBe(1);
    expect(holding('asset_officer').length).toBeGreaterThanOrEqual(2);
  });
});
