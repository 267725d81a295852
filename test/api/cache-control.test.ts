import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, mintApiToken, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';
import { servedRoutes } from '../support/routes.js';

// Answers holding case data, personal data, bank files or evidence must never sit in a browser's or a
// proxy's cache (a shared computer in a village hall, a council's caching proxy): every answer is
// `Cache-Control: no-store` unless it is a public document, which may be kept a short while.

/** What may be cached, and for how long; everything else the API serves must be no-store. */
const publicDocuments: Record<string, RegExp> = {
  'get /openapi.json': /^public, max-age=\d+$/,
  'get /docs': /^public, max-age=\d+$/,
  'get /docs/:asset': /^public, max-age=\d+$/,
  'get /api/open-data/360giving.json': /^public, max-age=\d+$/,
  'get /api/open-data/360giving.csv': /^public, max-age=\d+$/,
};

describe('Cache-Control', () => {
  let system: TestSystem;
  let lead: WebSession;
  let administrator: string;
  let financeOfficer: string;
  const reference = 'CFP-2026-888001';
  const paymentRunId = 'RUN-20260601-090000-c4c4';

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma);
    await insertApplication(system.prisma, { reference, organisation: group });
    const leadPerson = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    lead = await signInOverHttp(system.url, leadPerson);
    const admin = await createPerson(system.prisma, { grants: [{ role: 'administrator' }] });
    administrator = await mintApiToken(system.prisma, admin.id);
    const finance = await createPerson(system.prisma, { grants: [{ role: 'finance_officer' }] });
    financeOfficer = await mintApiToken(system.prisma, finance.id);
    await system.prisma.paymentRun.create({
      data: {
        id: paymentRunId,
        createdById: finance.id,
        createdAt: new Date('2026-06-01T09:00:00Z'),
        instructionCount: 0,
        totalPence: 0n,
        bankFileCsv: 'payee_name,sort_code,account_number,amount,reference\r\n',
      },
    });
  });

  afterAll(() => system?.stop());

  async function cacheControl(path: string, headers: Record<string, string>): Promise<{ status: number; cacheControl: string | null }> {
    const response = await fetch(`${system.url}${path}`, { headers });
    await response.body?.cancel();
    return { status: response.status, cacheControl: response.headers.get('cache-control') };
  }

  it('is no-store on case data, personal data and bank files', async () => {
    const answers = {
      case: await cacheControl(`/api/applications/${reference}`, sessionHeaders(lead)),
      list: await cacheControl('/api/applications', sessionHeaders(lead)),
      timeline: await cacheControl(`/api/applications/${reference}/timeline`, sessionHeaders(lead)),
      offerLetter: await cacheControl(`/api/applications/${reference}/offer/letter`, sessionHeaders(lead)),
      me: await cacheControl('/api/me', sessionHeaders(lead)),
      audit: await cacheControl('/api/audit', { authorization: `Bearer ${administrator}` }),
      bankFile: await cacheControl(`/api/finance/payment-runs/${paymentRunId}/bank-file`, { authorization: `Bearer ${financeOfficer}` }),
      financeReport: await cacheControl('/api/finance/reports/summary?groupBy=programme', { authorization: `Bearer ${financeOfficer}` }),
    };
    for (const [what, answer] of Object.entries(answers)) {
      expect(answer, what).toEqual({ status: 200, cacheControl: 'no-store' });
    }
  });

  it('is no-store on refusals and errors too', async () => {
    expect(await cacheControl('/api/applications/CFP-2026-999999', sessionHeaders(lead))).toEqual({ status: 404, cacheControl: 'no-store' });
    expect(await cacheControl('/api/me', {})).toEqual({ status: 401, cacheControl: 'no-store' });
    expect(await cacheControl('/nowhere', {})).toEqual({ status: 404, cacheControl: 'no-store' });
  });

  it('is no-store on every GET route the API serves, but the public documents', async () => {
    const wrong: string[] = [];
    for (const route of servedRoutes(system.app).filter((served) => served.startsWith('get '))) {
      const template = route.slice('get '.length);
      // Whatever the answer (found, not found, refused), only the header matters here.
      const path = template.replace(':reference', reference).replace(':asset', 'swagger-ui.css').replace(/:\w+/g, '6d1c3f4e-0000-4000-8000-00000000dead');
      const { status, cacheControl: header } = await cacheControl(path, { authorization: `Bearer ${administrator}` });
      // A public document is cached publicly when it is served; its refusal (the open data before the first
      // award: nothing published yet) is no-store as every refusal is, so the first award shows at once.
      const expected = status === 200 ? publicDocuments[route] : undefined;
      const noStore = (header ?? '')
        .split(',')
        .map((directive) => directive.trim())
        .includes('no-store');
      if (expected ? !expected.test(header ?? '') : !noStore) wrong.push(`${route}: ${header}`);
    }
    expect(wrong).toEqual([]);
  });
});
