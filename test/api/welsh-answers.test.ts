import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset } from '../support/cat.js';
import { eoiAnswers } from '../support/cfp.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// A Welsh answer holds no English: not zod's messages, not our schemas' own, not the names the code gives
// questions (`projectSummary`) or documents (`governing_document`). Over real HTTP, a real worker, Temporal
// and PostgreSQL; the English answers stay as they were.

/** Words that only English messages use: zod's own and the schemas' ("must be …"). */
const english = /\b(Invalid|expected|received|Too (big|small)|Unrecognized|must|should|Answer every|Documents are missing)\b/;
const identifiers =
  /\b(projectSummary|facility|requestedPence|totalCostPence|governance|partners|tenure|projectDescription|governing_document|business_plan)\b/;

interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { path: string; message: string; label?: string }[];
}

describe('Welsh answers hold no English', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma, { name: 'Cymdeithas Gymunedol Llanddona' });
    const body = await system.prisma.organisation.create({
      data: { name: 'Cyngor Sir Dyffryn Teg', kind: 'public_body', orgId: 'GB-LAE-DYT' },
      select: { id: true },
    });
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { name: 'Nia Arweinydd', grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['officer', { name: 'Iolo Swyddog', grants: [{ role: 'asset_officer', organisationId: body.id }] }],
    ];
    for (const [name, options] of people) sessions[name] = await signInOverHttp(system.url, await createPerson(system.prisma, options));
  });

  afterAll(() => system?.stop());

  async function call(method: string, path: string, body: unknown, language: 'cy' | 'en', who = 'lead') {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': language, ...sessionHeaders(sessions[who]!) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it('puts zod’s messages and our schemas’ own into Welsh, naming the question in Welsh', async () => {
    // A missing title, a title of the wrong type and an unknown field: zod's own messages.
    const started = await call('POST', '/api/applications', { language: 'cy', extra: true }, 'cy');
    expect(started.status).toBe(400);
    const problem = started.json as unknown as Problem;
    expect(problem.errors?.length).toBeGreaterThan(0);
    for (const error of problem.errors ?? []) expect(error.message).not.toMatch(english);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'projectTitle', message: 'Mae angen hwn: disgwylid testun' },
        { path: '', message: 'Maes anhysbys: extra' },
      ]),
    );
    const inEnglish = (await call('POST', '/api/applications', { language: 'cy', extra: true }, 'en')).json as unknown as Problem;
    expect(inEnglish.errors).toEqual(expect.arrayContaining([{ path: 'projectTitle', message: 'Invalid input: expected string, received undefined' }]));

    // Our schemas' own message, and a question named as the form names it.
    const { reference } = (await call('POST', '/api/applications', { projectTitle: 'Cegin y neuadd', language: 'cy' }, 'cy')).json as { reference: string };
    const saved = (
      await call(
        'PATCH',
        `/api/applications/${reference}/eoi`,
        { answers: { projectSummary: 7, facility: { ...eoiAnswers().facility, lsoaCode: 'X1' } } },
        'cy',
      )
    ).json as unknown as Problem;
    expect(saved.status).toBe(400);
    expect(saved.errors).toEqual(
      expect.arrayContaining([
        { path: 'answers.projectSummary', message: 'Mewnbwn annilys: disgwylid testun, daeth rhif', label: 'crynodeb o’r prosiect' },
        { path: 'answers.facility.lsoaCode', message: 'nid yw’n god ardal fach (LSOA) yng Nghymru fel W01000001' },
      ]),
    );
    for (const error of saved.errors ?? []) expect(error.message).not.toMatch(english);
    const list = (await call('GET', '/api/applications?localAuthorityCode=Ynys', undefined, 'cy')).json as unknown as Problem;
    expect(list.errors).toEqual([{ path: 'localAuthorityCode', message: 'rhaid iddo fod yn god awdurdod lleol yng Nghymru fel W06000001' }]);
  });

  it('names unanswered questions in Welsh when refusing to send an expression of interest', async () => {
    const { reference } = (await call('POST', '/api/applications', { projectTitle: 'To newydd', language: 'cy' }, 'cy')).json as { reference: string };
    const answers: Partial<ReturnType<typeof eoiAnswers>> = eoiAnswers();
    delete answers.projectSummary;
    delete answers.governance;
    expect((await call('PATCH', `/api/applications/${reference}/eoi`, { answers }, 'cy')).status).toBe(200);
    const refused = await call('POST', `/api/applications/${reference}/eoi/submission`, {}, 'cy');
    expect(refused.status).toBe(409);
    const detail = String(refused.json.detail);
    expect(detail).toBe('Atebwch bob cwestiwn cyn anfon: crynodeb o’r prosiect, llywodraethu');
    expect(detail).not.toMatch(identifiers);
    expect((await call('POST', `/api/applications/${reference}/eoi/submission`, {}, 'en')).json.detail).toBe(
      'Answer every question before sending: project summary, governance',
    );
  });

  it('names missing documents in Welsh when refusing a transfer’s expression of interest', async () => {
    const body = await system.prisma.organisation.findFirstOrThrow({ where: { orgId: 'GB-LAE-DYT' }, select: { id: true } });
    const asset = await insertAsset(system.prisma, body.id, { name: 'Hen Gapel' });
    const started = await call(
      'POST',
      '/api/transfers',
      { assetId: asset.id, language: 'cy', proposedUse: 'Canolfan gymunedol', message: 'Hoffem sgwrsio' },
      'cy',
    );
    expect(started.status).toBe(201);
    const reference = String(started.json.reference);
    const refused = await call(
      'POST',
      `/api/transfers/${reference}/eoi/submission`,
      { proposedUse: 'Caffi', communityBenefit: 'Lle i gwrdd', documents: [] },
      'cy',
    );
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toBe('Mae dogfennau ar goll: dogfen lywodraethu');
    const inEnglish = await call(
      'POST',
      `/api/transfers/${reference}/eoi/submission`,
      { proposedUse: 'Caffi', communityBenefit: 'Lle i gwrdd', documents: [] },
      'en',
    );
    expect(inEnglish.json.detail).toBe('Documents are missing: governing document');

    // The case names the documents sent in the reader's language too, beside their code.
    const documents = [{ kind: 'governing_document', title: 'Cyfansoddiad' }];
    expect(
      (await call('POST', `/api/transfers/${reference}/eoi/submission`, { proposedUse: 'Caffi', communityBenefit: 'Lle i gwrdd', documents }, 'cy')).status,
    ).toBe(200);
    expect((await call('GET', `/api/transfers/${reference}`, undefined, 'cy')).json).toMatchObject({
      expressionOfInterest: { documents: [{ kind: 'governing_document', title: 'Cyfansoddiad', kindText: 'dogfen lywodraethu' }] },
    });
    expect((await call('GET', `/api/transfers/${reference}`, undefined, 'en')).json).toMatchObject({
      expressionOfInterest: { documents: [{ kindText: 'governing document' }] },
    });
  });
});
