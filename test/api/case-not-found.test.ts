import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset, transferRow } from '../support/cat.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, mintApiToken } from '../support/people.js';

// Someone not entitled to a case must not be able to tell it from one that does not exist: another group's
// case and a reference nobody has used answer with the same 404, word for word (bar the reference asked
// for), in both languages. Staff whose roles do not reach a case (finance staff on an application, another
// council's asset officer on a transfer) get that 404 too, not a 403 that says the case is there.

interface Answer {
  status: number;
  title: string;
  detail: string;
}

describe('a case one may not see answers as one that does not exist', () => {
  let system: TestSystem;
  const tokens: Record<string, string> = {};
  const application = 'CFP-2026-555001';
  const missingApplication = 'CFP-2026-555999';
  const transfer = 'CAT-2026-555001';
  const missingTransfer = 'CAT-2026-555999';
  const enquiry = 'ENQ-2026-555001';
  const missingEnquiry = 'ENQ-2026-555999';

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma, { name: 'Neuadd y Pentref' });
    const otherGroup = await createOrganisation(system.prisma);
    const council = await createOrganisation(system.prisma, { name: 'Cyngor Sir', kind: 'public_body' });
    const otherCouncil = await createOrganisation(system.prisma, { kind: 'public_body' });
    await insertApplication(system.prisma, { reference: application, organisation: group });
    await system.prisma.award.create({
      data: {
        applicationReference: application,
        organisationId: group.id,
        amountPence: 1_800_000n,
        conditions: [],
        policyVersion: 'CFP-2024',
        decidedAt: new Date('2026-06-01T09:00:00Z'),
        acceptedAt: new Date('2026-06-10T09:00:00Z'),
        financialYear: 2026,
      },
    });
    const asset = await insertAsset(system.prisma, council.id);
    await system.prisma.transfer.create({ data: transferRow({ reference: transfer, group, owner: council, asset }) });
    await system.prisma.enquiry.create({
      data: {
        reference: enquiry,
        organisationId: group.id,
        organisationName: group.name,
        contactEmail: 'clerc@example.cymru',
        message: 'Helo',
        language: 'en',
        status: 'received',
        receivedAt: new Date(),
      },
    });
    const people = {
      otherLead: [{ role: 'applicant_lead', organisationId: otherGroup.id }],
      financeOfficer: [{ role: 'finance_officer' }],
      otherAssetOfficer: [{ role: 'asset_officer', organisationId: otherCouncil.id }],
      assessor: [{ role: 'assessor' }],
    } as const;
    for (const [name, grants] of Object.entries(people)) {
      const person = await createPerson(system.prisma, { grants: [...grants] });
      tokens[name] = await mintApiToken(system.prisma, person.id);
    }
  });

  afterAll(() => system?.stop());

  async function ask(who: string, method: string, path: string, language: 'cy' | 'en', body?: unknown): Promise<Answer> {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]}`, 'accept-language': language, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const problem = (await response.json()) as Answer;
    return { status: response.status, title: problem.title, detail: problem.detail };
  }

  /** The answers for the real case and for the missing one, with the reference asked for written out of both. */
  async function both(who: string, method: string, path: (reference: string) => string, [real, missing]: [string, string], body?: unknown) {
    const answers: Answer[] = [];
    for (const language of ['en', 'cy'] as const) {
      for (const reference of [real, missing]) {
        const answer = await ask(who, method, path(reference), language, body);
        answers.push({ ...answer, detail: answer.detail.replaceAll(reference, '<reference>') });
      }
    }
    return answers;
  }

  const cases: [string, string, string, (reference: string) => string, [string, string], unknown?][] = [
    ['another group reads an application', 'otherLead', 'GET', (r) => `/api/applications/${r}`, [application, missingApplication]],
    ['another group reads its timeline', 'otherLead', 'GET', (r) => `/api/applications/${r}/timeline`, [application, missingApplication]],
    ['another group withdraws it', 'otherLead', 'POST', (r) => `/api/applications/${r}/withdrawal`, [application, missingApplication], { reason: 'Dim' }],
    ['another group reads its award', 'otherLead', 'GET', (r) => `/api/awards/${r}`, [application, missingApplication]],
    ['another group reads an enquiry', 'otherLead', 'GET', (r) => `/api/enquiries/${r}`, [enquiry, missingEnquiry]],
    ['another group reads a transfer', 'otherLead', 'GET', (r) => `/api/transfers/${r}`, [transfer, missingTransfer]],
    ['finance staff read an application', 'financeOfficer', 'GET', (r) => `/api/applications/${r}`, [application, missingApplication]],
    [
      'finance staff screen it',
      'financeOfficer',
      'POST',
      (r) => `/api/applications/${r}/screening`,
      [application, missingApplication],
      { outcome: 'invite', reasons: 'Da' },
    ],
    ['another council’s asset officer reads a transfer', 'otherAssetOfficer', 'GET', (r) => `/api/transfers/${r}`, [transfer, missingTransfer]],
    [
      'another council’s asset officer writes a note on it',
      'otherAssetOfficer',
      'POST',
      (r) => `/api/transfers/${r}/notes`,
      [transfer, missingTransfer],
      { text: 'Nodyn' },
    ],
    ['an assessor reads a transfer', 'assessor', 'GET', (r) => `/api/transfers/${r}`, [transfer, missingTransfer]],
  ];

  it.each(cases)('%s: the same 404 as for no case at all', async (_what, who, method, path, references, body) => {
    const [realEn, missingEn, realCy, missingCy] = await both(who, method, path, references, body);
    expect(realEn?.status).toBe(404);
    expect(realEn).toEqual(missingEn);
    expect(realCy).toEqual(missingCy);
  });
});
