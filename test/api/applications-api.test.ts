import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { eoiAnswers, fullApplicationAnswers, scores, testPolicy } from '../support/cfp.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';

// The CFP application API over real HTTP, a real worker, Temporal and PostgreSQL: a case from start to an
// accepted offer, and the ways requests are refused (bad input, wrong role, wrong stage), each as
// problem+json that changes nothing.

describe('CFP applications API', () => {
  let system: TestSystem;
  let policy: CfpPolicy;
  const sessions: Record<string, WebSession> = {};
  let groupId: string;
  let otherGroupId: string;

  beforeAll(async () => {
    policy = await testPolicy({ offerAcceptanceWindow: '1 hour' });
    system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
    const group = await createOrganisation(system.prisma, { name: 'Clwb Rygbi Aberffraw' });
    const otherGroup = await createOrganisation(system.prisma);
    groupId = group.id;
    otherGroupId = otherGroup.id;
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['member', { grants: [{ role: 'applicant_member', organisationId: group.id }] }],
      ['otherLead', { grants: [{ role: 'applicant_lead', organisationId: otherGroup.id }] }],
      ['caseworker', { grants: [{ role: 'caseworker' }] }],
      ['assessorA', { grants: [{ role: 'assessor' }] }],
      ['assessorB', { grants: [{ role: 'assessor' }] }],
      ['approver', { grants: [{ role: 'approver', delegatedLimitPence: 2_500_000n }] }],
    ];
    for (const [name, options] of people) sessions[name] = await signInOverHttp(system.url, await createPerson(system.prisma, options));
  });

  afterAll(() => system?.stop());

  async function call(who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const session = sessions[who];
    if (!session) throw new Error(`no session ${who}`);
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(session), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    const json = type.includes('json') ? ((await response.json()) as Record<string, unknown>) : undefined;
    return { status: response.status, type, json, response };
  }

  async function start(): Promise<string> {
    const started = await call('member', 'POST', '/api/applications', {
      projectTitle: 'Ystafelloedd newid newydd',
      language: 'cy',
      answers: { projectSummary: 'Ystafelloedd newid i dimau merched' },
    });
    expect(started.status).toBe(201);
    return String(started.json?.reference);
  }

  it('takes a case from its first draft to an accepted offer', async () => {
    const reference = await start();
    expect(reference).toMatch(/^CFP-\d{4}-\d{6}$/);
    const base = `/api/applications/${reference}`;
    const draft = await call('lead', 'GET', base);
    expect(draft.json).toMatchObject({
      status: 'eoi_draft',
      statusText: 'Expression of interest not sent yet',
      eoi: { projectSummary: 'Ystafelloedd newid i dimau merched' },
    });
    expect(draft.json?.casework).toBeUndefined();

    const steps: [string, string, string, unknown, string][] = [
      ['member', 'PATCH', '/eoi', { answers: eoiAnswers() }, 'eoi_draft'],
      ['lead', 'POST', '/eoi/submission', {}, 'eoi_screening'],
      ['caseworker', 'POST', '/screening', { outcome: 'invite', reasons: 'Yn gymwys' }, 'invited'],
      ['member', 'PATCH', '/full-application', { answers: fullApplicationAnswers() }, 'invited'],
      ['lead', 'POST', '/full-application/submission', {}, 'assessment'],
      ['assessorA', 'POST', '/assessments/declarations', { conflict: false }, 'assessment'],
      ['assessorA', 'POST', '/assessments', { scores: scores(policy, 4) }, 'assessment'],
      ['assessorB', 'POST', '/assessments/declarations', { conflict: false }, 'assessment'],
      ['assessorB', 'POST', '/assessments', { scores: scores(policy, 4) }, 'recommendation'],
      ['caseworker', 'POST', '/recommendation', { recommendation: 'approve', amountPence: 2_000_000, reasons: 'Cryf' }, 'decision'],
      [
        'approver',
        'POST',
        '/decisions',
        { outcome: 'approve', amountPence: 1_900_000, conditions: [{ cy: 'Caniatâd cynllunio', en: 'Planning permission' }], reasons: 'Da' },
        'offered',
      ],
    ];
    for (const [who, method, path, body, status] of steps) {
      const result = await call(who, method, `${base}${path}`, body);
      expect({ step: `${method} ${path}`, status: result.status, body: result.json }).toMatchObject({ status: 200, body: { status } });
    }

    // Staff see the whole case, with the WIMD rank of the facility's area; the group sees its offer.
    const staffView = await call('caseworker', 'GET', base);
    expect(staffView.json?.casework).toMatchObject({ area: { lsoaCode: 'W01000001', rank: 885, decile: 5 }, score: { total: 80 } });
    const groupView = await call('lead', 'GET', base, undefined, { 'accept-language': 'cy' });
    expect(groupView.json).toMatchObject({ status: 'offered', offer: { amountPence: 1_900_000 }, groupAction: { action: 'respond_to_offer' } });
    expect(groupView.json?.casework).toBeUndefined();

    const html = await call('lead', 'GET', `${base}/offer/letter`);
    expect(html.status).toBe(200);
    expect(html.type).toContain('text/html');
    const text = await html.response.text();
    expect(text).toContain('£19,000.00');
    expect(text.indexOf('Caniatâd cynllunio')).toBeLessThan(text.indexOf('Planning permission'));
    const pdf = await call('lead', 'GET', `${base}/offer/letter?format=pdf`);
    expect(pdf.type).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const accepted = await call('lead', 'POST', `${base}/offer/acceptance`, { declaration: true, signatoryName: 'Gwen Jones' });
    expect(accepted.json).toMatchObject({ status: 'accepted' });
    const award = await system.prisma.award.findUniqueOrThrow({ where: { applicationReference: reference } });
    expect(award.amountPence).toBe(1_900_000n);
  });

  it('refuses a command at the wrong stage with 409 and the reason, and changes nothing', async () => {
    const reference = await start();
    const before = await system.prisma.caseEvent.count({ where: { reference } });
    const refused = await call('lead', 'POST', `/api/applications/${reference}/offer/acceptance`, { declaration: true, signatoryName: 'Gwen' });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json?.detail).toBe('This cannot be done now: expression of interest not sent yet');
    const cymraeg = await call(
      'lead',
      'POST',
      `/api/applications/${reference}/offer/acceptance`,
      { declaration: true, signatoryName: 'Gwen' },
      { 'accept-language': 'cy' },
    );
    expect(cymraeg.json?.detail).toBe('Ni ellir gwneud hyn nawr: mynegiant o ddiddordeb heb ei anfon eto');
    expect(await system.prisma.caseEvent.count({ where: { reference } })).toBe(before);
  });

  it('shows those who assess and decide the case’s policy version: criteria, maximum scores, weights and thresholds', async () => {
    const reference = await start();
    const application = await system.prisma.application.findUniqueOrThrow({ where: { reference } });
    expect(application.policyVersion).toBe(policy.version);
    for (const who of ['assessorA', 'caseworker', 'approver']) {
      const read = await call(who, 'GET', `/api/applications/${reference}/policy`);
      expect(read.status).toBe(200);
      expect(read.json).toMatchObject({
        reference,
        version: application.policyVersion,
        assessment: {
          assessorsRequired: policy.assessment.assessorsRequired,
          moderationGap: policy.assessment.moderationGap,
          criteria: policy.assessment.criteria.map((c) => ({ id: c.id, name: c.name.en, weight: c.weight, maxScore: c.maxScore })),
        },
        delegatedAuthority: { approverMaxPence: policy.delegatedAuthority.approverMaxPence },
        tenure: { minLeaseYearsAfterCompletion: policy.tenure.minLeaseYearsAfterCompletion },
        caseOfficerAssignment: null,
      });
    }
    // Not the group's to read, nor another group's to know of.
    expect((await call('lead', 'GET', `/api/applications/${reference}/policy`)).status).toBe(403);
    expect((await call('otherLead', 'GET', `/api/applications/${reference}/policy`)).status).toBe(404);
  });

  it('tells the group by when it will hear back at screening, assessment and decision, as the list’s stageDueAt', async () => {
    const reference = await start();
    const waiting = async (stage: string) => {
      const view = (await call('member', 'GET', `/api/applications/${reference}`)).json;
      const listed = ((await call('member', 'GET', '/api/applications')).json?.items as { reference: string; stageDueAt: string | null }[]).find(
        (item) => item.reference === reference,
      );
      expect(view?.groupAction).toBeNull();
      expect(view?.nextStep).toMatchObject({ stage, dueAt: listed?.stageDueAt, text: expect.stringContaining('by this date') });
      expect(listed?.stageDueAt).not.toBeNull();
    };
    await call('member', 'PATCH', `/api/applications/${reference}/eoi`, { answers: eoiAnswers() });
    expect((await call('member', 'GET', `/api/applications/${reference}`)).json).toMatchObject({ groupAction: { action: 'send_eoi' }, nextStep: null });
    expect((await call('lead', 'POST', `/api/applications/${reference}/eoi/submission`, {})).status).toBe(200);
    await waiting('eoi_screening');
    await call('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    expect((await call('member', 'GET', `/api/applications/${reference}`)).json).toMatchObject({
      groupAction: { action: 'send_full_application' },
      nextStep: null,
    });
    await call('member', 'PATCH', `/api/applications/${reference}/full-application`, { answers: fullApplicationAnswers() });
    await call('lead', 'POST', `/api/applications/${reference}/full-application/submission`, {});
    await waiting('assessment');
    for (const assessor of ['assessorA', 'assessorB']) {
      await call(assessor, 'POST', `/api/applications/${reference}/assessments/declarations`, { conflict: false });
      await call(assessor, 'POST', `/api/applications/${reference}/assessments`, { scores: scores(policy, 4) });
    }
    await waiting('recommendation');
    await call('caseworker', 'POST', `/api/applications/${reference}/recommendation`, { recommendation: 'approve', amountPence: 2_000_000, reasons: 'Cryf' });
    await waiting('decision');
  });

  it('lets only the applicant lead submit (403 from the workflow for a member), saying who may', async () => {
    const reference = await start();
    await call('member', 'PATCH', `/api/applications/${reference}/eoi`, { answers: eoiAnswers() });
    const refused = await call('member', 'POST', `/api/applications/${reference}/eoi/submission`, {});
    expect(refused.status).toBe(403);
    // The refusal says who may: the lead, in the reader's language.
    expect(refused.json?.detail).toBe('Only the group’s lead can do this on this application');
    const welsh = await call('member', 'POST', `/api/applications/${reference}/eoi/submission`, {}, { 'accept-language': 'cy' });
    expect(welsh.json?.detail).toBe('Dim ond arweinydd y grŵp all wneud hyn ar y cais hwn');
    // Refused before the workflow (the API's policy), it names the roles too.
    const screening = await call('assessorA', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    expect(screening.status).toBe(403);
    expect(screening.json?.detail).toBe('Only a caseworker or an administrator can do this');
    const welshScreening = await call(
      'assessorA',
      'POST',
      `/api/applications/${reference}/screening`,
      { outcome: 'invite', reasons: 'Yn gymwys' },
      { 'accept-language': 'cy' },
    );
    expect(welshScreening.json?.detail).toBe('Dim ond un o’r rhain all wneud hyn: gweithiwr achos, gweinyddwr');
  });

  it('answers bad input with 400 and the fields at fault, and writes nothing', async () => {
    const reference = await start();
    const before = await system.prisma.caseEvent.count({ where: { reference } });
    const cases: [string, string, unknown][] = [
      ['PATCH', '/eoi', { answers: { requestedPence: 12.5 } }],
      ['PATCH', '/eoi', { answers: { facility: { name: 'N', address: 'A', postcode: 'P', lsoaCode: 'E01000001', inWales: true } } }],
      ['PATCH', '/eoi', { answers: { unknownQuestion: 'x' } }],
      ['PATCH', '/eoi', { answers: { projectSummary: 'nul\u0000' } }],
      ['POST', '/withdrawal', {}],
      ['POST', '/withdrawal', { reason: '' }],
    ];
    for (const [method, path, body] of cases) {
      const result = await call('lead', method, `/api/applications/${reference}${path}`, body);
      expect({ path, status: result.status }).toEqual({ path, status: 400 });
      expect(result.type).toContain('application/problem+json');
    }
    // A well-formed LSOA code that is no area in Wales is the client's mistake too.
    const unknownArea = await call('lead', 'PATCH', `/api/applications/${reference}/eoi`, {
      answers: { facility: { name: 'N', address: 'A', postcode: 'P', lsoaCode: 'W01999999', inWales: true } },
    });
    expect(unknownArea.status).toBe(400);
    expect(unknownArea.json?.detail).toBe('There is no small area (LSOA) W01999999 in Wales');
    const noTitle = await call('lead', 'POST', '/api/applications', { language: 'cy' });
    expect(noTitle.status).toBe(400);
    expect((noTitle.json?.errors as { path: string }[]).map((e) => e.path)).toContain('projectTitle');
    expect(await system.prisma.caseEvent.count({ where: { reference } })).toBe(before);
  });

  it('hides one group’s application from another group (404) and refuses staff commands to the group (403)', async () => {
    const reference = await start();
    expect((await call('otherLead', 'GET', `/api/applications/${reference}`)).status).toBe(404);
    expect((await call('otherLead', 'POST', `/api/applications/${reference}/withdrawal`, { reason: 'x' })).status).toBe(404);
    expect((await call('lead', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'x' })).status).toBe(403);
    expect((await call('otherLead', 'POST', '/api/applications', { organisationId: groupId, projectTitle: 'x', language: 'en' })).status).toBe(404);
    expect((await call('lead', 'POST', '/api/applications', { organisationId: otherGroupId, projectTitle: 'x', language: 'en' })).status).toBe(404);
  });

  it('shows an assessor the other scores only after they declare no conflict of interest', async () => {
    const reference = await start();
    const base = `/api/applications/${reference}`;
    await call('member', 'PATCH', `${base}/eoi`, { answers: eoiAnswers() });
    await call('lead', 'POST', `${base}/eoi/submission`, {});
    await call('caseworker', 'POST', `${base}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    await call('member', 'PATCH', `${base}/full-application`, { answers: fullApplicationAnswers() });
    await call('lead', 'POST', `${base}/full-application/submission`, {});
    await call('assessorA', 'POST', `${base}/assessments/declarations`, { conflict: false });
    await call('assessorA', 'POST', `${base}/assessments`, { scores: scores(policy, 3) });

    const before = await call('assessorB', 'GET', base);
    expect(before.json?.casework).toMatchObject({ assessments: [], conflicts: [], area: { decile: 5 } });
    await call('assessorB', 'POST', `${base}/assessments/declarations`, { conflict: false });
    const after = await call('assessorB', 'GET', base);
    expect((after.json?.casework as { assessments: unknown[] }).assessments).toHaveLength(1);
  });

  it('replays a retried command with the same Idempotency-Key instead of sending it twice', async () => {
    const reference = await start();
    const note = { text: 'Galwad ffôn gyda’r ysgrifennydd' };
    const first = await call('caseworker', 'POST', `/api/applications/${reference}/notes`, note, { 'idempotency-key': `note-${reference}` });
    const again = await call('caseworker', 'POST', `/api/applications/${reference}/notes`, note, { 'idempotency-key': `note-${reference}` });
    expect(first.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(await system.prisma.caseEvent.count({ where: { reference, type: 'note.added' } })).toBe(1);
  });
});
