import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset } from '../support/cat.js';
import { eventStream } from '../support/event-stream.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// One rule decides the language of every answer, problems and views alike: an explicit Accept-Language
// (one naming Welsh or English) wins for that request, then the signed-in person's stored language, then
// English, the documented default.

/** A GET with exactly these headers: Node's fetch adds `Accept-Language: *` of its own, which this cannot. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('The language of every answer', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};
  let application: string;
  let transfer: string;

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma);
    const council = await createOrganisation(system.prisma, { kind: 'public_body' });
    const asset = await insertAsset(system.prisma, council.id);
    for (const [name, language] of [
      ['welsh', 'cy'],
      ['english', 'en'],
    ] as const) {
      sessions[name] = await signInOverHttp(
        system.url,
        await createPerson(system.prisma, { language, grants: [{ role: 'applicant_lead', organisationId: group.id }] }),
      );
    }
    const started = await fetch(`${system.url}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sessionHeaders(sessions.english!) },
      body: JSON.stringify({ projectTitle: 'Neuadd newydd', language: 'cy' }),
    });
    expect(started.status).toBe(201);
    application = String(((await started.json()) as { reference: string }).reference);
    const begun = await fetch(`${system.url}/api/transfers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sessionHeaders(sessions.english!) },
      body: JSON.stringify({ assetId: asset.id, language: 'cy', proposedUse: 'Canolfan', message: 'Helo' }),
    });
    expect(begun.status).toBe(201);
    transfer = String(((await begun.json()) as { reference: string }).reference);
  });

  afterAll(() => system?.stop());

  const missing = '/api/applications/CFP-1999-000001';

  it('answers in English, the documented default, when nobody asks for a language', async () => {
    const none = await rawGet(`${system.url}${missing}`);
    expect(none.status).toBe(401);
    expect(none.body.title).toBe('You need to sign in');
    // `*` accepts any language, which is no choice between the two.
    const anything = await rawGet(`${system.url}${missing}`, { 'accept-language': '*' });
    expect(anything.body.title).toBe('You need to sign in');
    const other = await rawGet(`${system.url}${missing}`, { 'accept-language': 'fr-FR, de;q=0.8' });
    expect(other.body.title).toBe('You need to sign in');
    const welsh = await rawGet(`${system.url}${missing}`, { 'accept-language': 'cy-GB' });
    expect(welsh.body.title).toBe('Mae angen i chi fewngofnodi');
    const ranked = await rawGet(`${system.url}${missing}`, { 'accept-language': 'en;q=0.4, cy;q=0.9' });
    expect(ranked.body.title).toBe('Mae angen i chi fewngofnodi');
  });

  it('follows the signed-in person’s stored language when the request names none, in problems and views alike', async () => {
    const headers = (who: string, extra: Record<string, string> = {}) => ({ cookie: sessions[who]!.cookie, ...extra });
    const problem = await rawGet(`${system.url}${missing}`, headers('welsh'));
    expect(problem.status).toBe(404);
    expect(problem.body.title).toBe('Heb ddod o hyd iddo');
    expect((await rawGet(`${system.url}${missing}`, headers('english'))).body.title).toBe('Not found');
    const view = await rawGet(`${system.url}/api/applications/${application}`, headers('welsh', { 'accept-language': '*' }));
    expect(view.body.statusText).toBe('Mynegiant o ddiddordeb heb ei anfon eto');
    const english = await rawGet(`${system.url}/api/applications/${application}`, headers('english'));
    expect(english.body.statusText).toBe('Expression of interest not sent yet');
  });

  it('lets an explicit Accept-Language win over the stored language for that request, in problems and views alike', async () => {
    const read = (who: string, path: string, language: string) =>
      rawGet(`${system.url}${path}`, { cookie: sessions[who]!.cookie, 'accept-language': language });

    // Stored Welsh, asking for English.
    expect((await read('welsh', missing, 'en')).body.title).toBe('Not found');
    expect((await read('welsh', `/api/applications/${application}`, 'en')).body.statusText).toBe('Expression of interest not sent yet');
    const englishTimeline = (await read('welsh', `/api/applications/${application}/timeline`, 'en')).body.timeline as { summary: string }[];
    expect(englishTimeline[0]?.summary).toBe('Your group started an expression of interest');
    const englishList = (await read('welsh', '/api/applications', 'en')).body.items as { reference: string; statusText: string }[];
    expect(englishList.find((item) => item.reference === application)?.statusText).toBe('Expression of interest not sent yet');
    expect((await read('welsh', `/api/transfers/${transfer}`, 'en')).body.statusText).toBe('Enquiry with the public body');

    // Stored English, asking for Welsh.
    expect((await read('english', missing, 'cy')).body.title).toBe('Heb ddod o hyd iddo');
    expect((await read('english', `/api/applications/${application}`, 'cy')).body.statusText).toBe('Mynegiant o ddiddordeb heb ei anfon eto');
    const welshTimeline = (await read('english', `/api/applications/${application}/timeline`, 'cy')).body.timeline as { summary: string }[];
    expect(welshTimeline[0]?.summary).toBe('Dechreuodd eich grŵp fynegiant o ddiddordeb');
    const welshList = (await read('english', '/api/applications', 'cy')).body.items as { reference: string; statusText: string }[];
    expect(welshList.find((item) => item.reference === application)?.statusText).toBe('Mynegiant o ddiddordeb heb ei anfon eto');
    const transfers = (await read('english', '/api/transfers', 'cy')).body.items as { reference: string; statusText: string }[];
    expect(transfers.find((item) => item.reference === transfer)?.statusText).toBe('Ymholiad gyda’r corff cyhoeddus');
    const transferTimeline = (await read('english', `/api/transfers/${transfer}/timeline`, 'cy')).body.timeline as { summary: string }[];
    expect(transferTimeline[0]?.summary).toBe('Dechreuodd eich grŵp drosglwyddiad ased cymunedol');

    // The live stream too: what its opening request asked for, else the stored language.
    for (const [who, language, first] of [
      ['welsh', 'en', 'Your group started an expression of interest'],
      ['english', 'cy', 'Dechreuodd eich grŵp fynegiant o ddiddordeb'],
      ['welsh', '*', 'Dechreuodd eich grŵp fynegiant o ddiddordeb'],
    ] as const) {
      const controller = new AbortController();
      const response = await fetch(`${system.url}/api/applications/${application}/events`, {
        headers: { cookie: sessions[who]!.cookie, 'accept-language': language },
        signal: controller.signal,
      });
      const stream = eventStream(response, controller);
      await stream.readUntil(() => stream.events().length > 0);
      expect({ who, language, summary: stream.events()[0]?.json.summary }).toEqual({ who, language, summary: first });
      controller.abort();
    }

    // The stored language itself is not changed by asking.
    expect((await read('english', '/api/me', 'cy')).body).toMatchObject({ person: { language: 'en' } });
  });

  it('says so in the OpenAPI document', async () => {
    const document = (await (await fetch(`${system.url}/openapi.json`)).json()) as {
      info: { description: string };
      components: { parameters: { AcceptLanguage: { description: string } } };
    };
    for (const text of [document.info.description, document.components.parameters.AcceptLanguage.description]) {
      expect(text).toMatch(/stored language/);
      expect(text).toMatch(/English/);
    }
  });
});
