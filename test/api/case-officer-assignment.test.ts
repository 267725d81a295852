import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { eoiAnswers, testPolicy } from '../support/cfp.js';
import { recordHistory } from '../support/histories.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// A case officer given by the programme's rule as the expression of interest is sent (policy
// caseOfficerAssignment, round robin among the programme's caseworkers), over real HTTP, a real worker,
// Temporal and PostgreSQL, on a database of its own so the caseworkers are only these.

describe('Case officer on submission', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const policy = { ...(await testPolicy()), caseOfficerAssignment: { effectiveFrom: '2026-01-01', rule: 'round_robin' as const } };
    system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
    const group = await createOrganisation(system.prisma, { name: 'Neuadd Bentref Rhosneigr' });
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['caseworker1', { grants: [{ role: 'caseworker' }] }],
      ['caseworker2', { grants: [{ role: 'caseworker', programme: 'CFP' }] }],
      ['catCaseworker', { grants: [{ role: 'caseworker', programme: 'CAT' }] }],
    ];
    for (const [name, options] of people) {
      const person = await createPerson(system.prisma, options);
      ids[name] = person.id;
      sessions[name] = await signInOverHttp(system.url, person);
    }
  });

  afterAll(() => system?.stop());

  async function call(who: string, method: string, path: string, body?: unknown) {
    const session = sessions[who];
    if (!session) throw new Error(`no session ${who}`);
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(session) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function submitted(): Promise<string> {
    const created = await call('lead', 'POST', '/api/applications', { projectTitle: 'To newydd', language: 'cy' });
    const reference = String(created.json.reference);
    expect((await call('lead', 'PATCH', `/api/applications/${reference}/eoi`, { answers: eoiAnswers() })).status).toBe(200);
    // Unassigned until it is sent.
    expect(
      ((await call('caseworker1', 'GET', '/api/applications?caseOfficerId=none&limit=100')).json.items as { reference: string }[]).map((i) => i.reference),
    ).toContain(reference);
    expect((await call('lead', 'POST', `/api/applications/${reference}/eoi/submission`, {})).status).toBe(200);
    return reference;
  }

  it('gives each case sent a case officer, the programme’s caseworkers in turn, and tells them', async () => {
    const cfpCaseworkers = [ids.caseworker1, ids.caseworker2].sort();
    const officers: unknown[] = [];
    const references: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reference = await submitted();
      references.push(reference);
      const casework = (await call('caseworker1', 'GET', `/api/applications/${reference}`)).json.casework as { caseOfficerId: string | null };
      officers.push(casework.caseOfficerId);
      const event = await system.prisma.caseEvent.findFirstOrThrow({ where: { reference, type: 'eoi.submitted' } });
      expect(event.payload).toMatchObject({ caseOfficerId: casework.caseOfficerId });
      expect(await system.prisma.notification.count({ where: { reference, sequence: event.sequence, personId: casework.caseOfficerId ?? '' } })).toBe(1);
      expect(
        ((await call('caseworker1', 'GET', '/api/applications?caseOfficerId=none&limit=100')).json.items as { reference: string }[]).map((i) => i.reference),
      ).not.toContain(reference);
    }
    // In turn, never the CAT-only caseworker.
    expect(officers).toEqual([cfpCaseworkers[0], cfpCaseworkers[1], cfpCaseworkers[0]]);
    await recordHistory('cfp-case-officer-on-submission', system.temporal.client.workflow.getHandle(references.at(-1) ?? ''));
  });
});
