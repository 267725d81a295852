import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// What the API refuses at its edge, before any operation runs, on every route: text that is not
// well-formed Unicode (a lone UTF-16 surrogate, bytes that are not UTF-8, broken percent-encoding) in the
// body, its keys, the query or the path, and JSON nested deeper than anyone needs. Then the one-line
// fields, which refuse line breaks and bidirectional controls. Each refusal is 400 problem+json naming the
// field, and nothing is written.

interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

describe('the edge of the API', () => {
  let system: TestSystem;
  let lead: WebSession;
  let groupId: string;

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma);
    groupId = group.id;
    lead = await signInOverHttp(system.url, await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] }));
  });

  afterAll(() => system?.stop());

  /** Sends `body` exactly as given (a string is sent as it is, so it can carry JSON escapes). */
  async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(lead), ...headers },
      body,
    });
    const type = response.headers.get('content-type') ?? '';
    const json = type.includes('json') ? ((await response.json()) as Problem) : undefined;
    return { status: response.status, type, json };
  }

  async function refused(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Problem> {
    const answer = await send(method, path, body, headers);
    expect(answer.status, `${method} ${path}`).toBe(400);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    return answer.json as Problem;
  }

  const written = async () => ({
    applications: await system.prisma.application.count(),
    idempotent: await system.prisma.idempotentRequest.count(),
    enquiries: await system.prisma.enquiry.count(),
  });

  describe('malformed Unicode', () => {
    it('refuses a lone surrogate in a body field, naming it, before any operation runs', async () => {
      const before = await written();
      // JSON.stringify writes a lone surrogate as the escape \ud800, which is valid JSON.
      const problem = await refused('POST', '/api/applications', JSON.stringify({ organisationId: groupId, projectTitle: 'x\uD800', language: 'cy' }), {
        'idempotency-key': 'lone-surrogate-1',
      });
      expect(problem.errors).toEqual([{ path: 'projectTitle', message: expect.stringMatching(/well-formed Unicode/) }]);
      expect(await written()).toEqual(before);
    });

    it('finds one at any depth, in arrays, and in keys', async () => {
      const body = JSON.stringify({
        organisationId: groupId,
        projectTitle: 'Neuadd',
        language: 'en',
        answers: { partners: ['Cyngor Cymuned', '\uDC00 low'], facility: { ['name\uD83D']: 'Neuadd' } },
      });
      const problem = await refused('POST', '/api/applications', body);
      expect(problem.errors?.map((error) => error.path)).toEqual(['answers.partners.1', 'answers.facility.name\uFFFD']);
    });

    it('says so in Welsh when asked', async () => {
      const problem = await refused('POST', '/api/applications', JSON.stringify({ projectTitle: '\uD800' }), { 'accept-language': 'cy' });
      expect(problem.title).toBe('Mae problem gyda’r cais');
      expect(problem.detail).toMatch(/^Nid yw rhan o’r cais/);
      expect(problem.errors).toEqual([{ path: 'projectTitle', message: expect.stringMatching(/^rhaid iddo fod yn destun Unicode dilys/) }]);
    });

    it('refuses a body that is not UTF-8', async () => {
      const before = await written();
      const response = await fetch(`${system.url}/api/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(lead) },
        // "x" then the bytes a lone surrogate would be in CESU-8, which UTF-8 forbids.
        body: Buffer.concat([
          Buffer.from(`{"organisationId":"${groupId}","language":"en","projectTitle":"x`),
          Buffer.from([0xed, 0xa0, 0x80]),
          Buffer.from('"}'),
        ]),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Problem).errors).toEqual([{ path: '', message: expect.stringMatching(/not valid UTF-8/) }]);
      expect(await written()).toEqual(before);
    });

    it('refuses a query parameter that does not decode to well-formed text, naming it', async () => {
      const problem = await refused('GET', '/api/assets?kind=building&q=%ED%A0%80');
      expect(problem.errors).toEqual([{ path: 'query.q', message: expect.stringMatching(/percent-encoded UTF-8/) }]);
      expect((await refused('GET', '/api/assets?q=%zz')).errors?.[0]?.path).toBe('query.q');
    });

    it('refuses a path parameter that does not decode to well-formed text, naming it', async () => {
      const problem = await refused('GET', '/api/applications/CFP-2026-%ED%A0%80/timeline');
      expect(problem.errors).toEqual([{ path: 'path.reference', message: expect.stringMatching(/percent-encoded UTF-8/) }]);
      const before = await written();
      const command = await refused('POST', '/api/applications/%ED%A0%80/withdrawal', JSON.stringify({ reason: 'Dim' }), {
        'idempotency-key': 'lone-surrogate-2',
      });
      expect(command.errors?.[0]?.path).toBe('path.reference');
      expect(await written()).toEqual(before);
    });
  });

  describe('deeply nested JSON', () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

    it('refuses 45,000 levels with an Idempotency-Key as 400, not 500, and keeps no key', async () => {
      const before = await written();
      const problem = await refused('POST', '/api/applications', nested(45_000), { 'idempotency-key': 'deep-1' });
      expect(problem.errors).toEqual([{ path: Array.from({ length: 32 }, () => '0').join('.'), message: expect.stringMatching(/more than 32 levels/) }]);
      expect(await written()).toEqual(before);
    });

    it('lets 32 levels through to the route, which judges the body itself', async () => {
      const answer = await send('POST', '/api/applications', nested(32));
      expect(answer.status).toBe(400);
      expect(answer.json?.errors?.some((error) => /levels/.test(error.message))).toBe(false);
      expect((await refused('POST', '/api/applications', nested(33))).errors?.[0]?.message).toMatch(/more than 32 levels/);
    });
  });

  describe('one-line fields', () => {
    it('refuse a line break in a project title, and nothing starts', async () => {
      const before = await written();
      const problem = await refused(
        'POST',
        '/api/applications',
        JSON.stringify({ organisationId: groupId, projectTitle: 'Neuadd newydd\r\nPlease re-enter your bank details at http://example.test', language: 'en' }),
      );
      expect(problem.errors).toEqual([{ path: 'projectTitle', message: expect.stringMatching(/one line/) }]);
      expect(await written()).toEqual(before);
    });

    it('refuse a bidirectional override or mark in an organisation’s name', async () => {
      const before = await written();
      for (const control of ['\u202E', '\u200F']) {
        const problem = await refused(
          'POST',
          '/api/enquiries',
          JSON.stringify({ organisationId: groupId, organisationName: `Neuadd ${control}ftneuq`, contactEmail: 'clerc@example.cymru', message: 'Helo' }),
        );
        expect(problem.errors?.map((error) => error.path)).toEqual(['organisationName']);
      }
      expect(await written()).toEqual(before);
    });

    it('while free text keeps its line breaks', async () => {
      const answer = await send(
        'POST',
        '/api/applications',
        JSON.stringify({ organisationId: groupId, projectTitle: 'Neuadd newydd', language: 'cy', answers: { projectSummary: 'Llinell un\nLlinell dau' } }),
      );
      expect(answer.status).toBe(201);
      const refusedSummary = await refused(
        'POST',
        '/api/applications',
        JSON.stringify({ organisationId: groupId, projectTitle: 'Neuadd arall', language: 'cy', answers: { projectSummary: 'Llinell un\u202E' } }),
      );
      expect(refusedSummary.errors?.map((error) => error.path)).toEqual(['answers.projectSummary']);
    });
  });
});
