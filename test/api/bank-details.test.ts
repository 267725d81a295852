import { randomInt, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankReferenceOf } from '../../src/activities/instruct-payment.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import type { CreatedPaymentRun } from '../../src/operations/payments/create-payment-run.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type TestOrganisation, type WebSession } from '../support/people.js';

// A change of a group's bank details over the real app, as mandate fraud would try it: the change holds
// the group's payments until a finance officer other than the person who made it verifies it, everyone
// concerned is told by mail, and the bank file carries only what Bacs can.

let nextNumber = randomInt(100_000, 800_000);

async function committedAward(prisma: PrismaClient, group: TestOrganisation): Promise<string> {
  const reference = `CFP-2026-${String(nextNumber++).padStart(6, '0')}`;
  await insertApplication(prisma, { reference, organisation: group, status: 'accepted' });
  const at = new Date('2026-06-01T09:00:00Z');
  await prisma.award.create({
    data: {
      applicationReference: reference,
      organisationId: group.id,
      amountPence: 5_000_000n,
      conditions: [],
      policyVersion: 'CFP-2024',
      decidedAt: at,
      acceptedAt: at,
      financialYear: 2026,
    },
  });
  await prisma.ledgerEntry.create({
    data: {
      entryKey: `commitment:${reference}`,
      awardReference: reference,
      programme: 'CFP',
      financialYear: 2026,
      kind: 'commitment',
      amountPence: 5_000_000n,
      occurredAt: at,
    },
  });
  return reference;
}

/** A payment instruction as the claim workflow makes it. */
async function instruct(prisma: PrismaClient, awardReference: string, group: TestOrganisation, amountPence: bigint) {
  const claimId = `${awardReference}/C1`;
  const instruction = { id: `PAY-${claimId}`, claimId, awardReference, bankReference: bankReferenceOf(claimId), amountPence };
  await prisma.paymentInstruction.create({ data: { ...instruction, organisationId: group.id, status: 'instructed', createdAt: new Date() } });
  return instruction;
}

describe('bank details', () => {
  let system: TestSystem;
  let officer: WebSession & { id: string };
  let approver: WebSession & { id: string };

  beforeAll(async () => {
    system = await startTestSystem();
    const officerPerson = await createPerson(system.prisma, { name: 'Swyddog Cyllid', language: 'cy', grants: [{ role: 'finance_officer' }] });
    const approverPerson = await createPerson(system.prisma, { name: 'Finance Approver', grants: [{ role: 'finance_approver' }] });
    officer = { ...(await signInOverHttp(system.url, officerPerson)), id: officerPerson.id };
    approver = { ...(await signInOverHttp(system.url, approverPerson)), id: approverPerson.id };
  });

  afterAll(() => system?.stop());

  async function send(session: WebSession, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(session), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined) as Record<string, unknown> & { detail?: string },
    };
  }

  it('holds the group’s payments after a change until a finance officer other than the one who made it verifies it, and tells the group and the finance team', async () => {
    const { prisma } = system;
    const group = await createOrganisation(system.prisma, { name: 'Neuadd Bentref Llanfair' });
    const leadPerson = await createPerson(prisma, { name: 'Gwen Jones', language: 'cy', grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const memberPerson = await createPerson(prisma, { name: 'Tom Evans', language: 'en', grants: [{ role: 'applicant_member', organisationId: group.id }] });
    // A second lead who also works in finance: the one person who may not verify the change they make.
    const insiderPerson = await createPerson(prisma, {
      name: 'Insider',
      grants: [{ role: 'applicant_lead', organisationId: group.id }, { role: 'finance_officer' }],
    });
    const lead = await signInOverHttp(system.url, leadPerson);
    const insider = await signInOverHttp(system.url, insiderPerson);
    const path = `/api/organisations/${group.id}/bank-account`;

    // The first account a group gives is verified before anything is paid into it.
    const first = await send(lead, 'POST', path, { accountName: 'Neuadd Bentref Llanfair', sortCode: '123456', accountNumber: '12345678' });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({
      version: 1,
      sortCode: '12-34-56',
      accountNumber: '****5678',
      payeeName: 'NEUADD BENTREF LLA',
      verification: { status: 'pending' },
    });
    const award = await committedAward(prisma, group);
    const instruction = await instruct(prisma, award, group, 250_000n);
    const held = await send(officer, 'POST', '/api/finance/payment-runs', {});
    expect(held.status).toBe(409);
    expect(held.json.detail).toMatch(/Neuadd Bentref Llanfair/);
    expect(await prisma.paymentInstruction.findUniqueOrThrow({ where: { id: instruction.id } })).toMatchObject({ status: 'instructed' });

    const verified = await send(officer, 'POST', `${path}/verification`, {
      version: 1,
      method: 'call_back_known_contact',
      note: 'Rang y trysorydd ar y rhif sydd yn ein cofnodion ers 2019',
    });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.json).toMatchObject({ version: 1, verification: { status: 'verified', verifiedById: officer.id, method: 'call_back_known_contact' } });

    // Moments before the run, the details change: the run leaves the group out, and says so.
    const requestId = `req-${randomUUID()}`;
    const changed = await send(
      insider,
      'POST',
      path,
      { accountName: 'Neuadd Llanfair Newydd', sortCode: '65-43-21', accountNumber: '87654321' },
      { 'x-request-id': requestId },
    );
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({ version: 2, sortCode: '65-43-21', accountNumber: '****4321', verification: { status: 'pending' } });
    const other = await createOrganisation(prisma, { name: 'Côr Meibion' });
    await prisma.bankAccount.create({
      data: {
        organisationId: other.id,
        accountName: 'Côr Meibion',
        sortCode: '112233',
        accountNumber: '11223344',
        verifiedAt: new Date(),
        verifiedById: officer.id,
        verificationMethod: 'call_back_known_contact',
        verificationNote: 'Prawf',
      },
    });
    const paying = await instruct(prisma, await committedAward(prisma, other), other, 1_000n);
    const run = await send(officer, 'POST', '/api/finance/payment-runs', {});
    expect(run.status, run.text).toBe(201);
    const made = run.json as unknown as CreatedPaymentRun;
    expect(made.instructions.map((i) => i.id)).toEqual([paying.id]);
    expect(made.heldBack).toEqual([
      {
        id: instruction.id,
        claimId: instruction.claimId,
        awardReference: award,
        organisationId: group.id,
        organisationName: 'Neuadd Bentref Llanfair',
        amountPence: 250_000,
        reason: 'bank_details_unverified',
        detail: {
          cy: 'Newidiodd manylion banc y grŵp ac nid oes swyddog cyllid wedi gwirio’r newid eto',
          en: 'The group’s bank details changed and no finance officer has verified the change yet',
        },
      },
    ]);

    // The audit record: old and new payee, sort code and masked number, and the request that made it.
    const audit = await prisma.auditRecord.findFirstOrThrow({
      where: { stream: `organisation:${group.id}`, command: 'bank_account.set' },
      orderBy: { sequence: 'desc' },
    });
    expect(audit.requestId).toBe(requestId);
    expect(audit.changes).toEqual({
      version: 2,
      from: { accountName: 'Neuadd Bentref Llanfair', payeeName: 'NEUADD BENTREF LLA', sortCode: '12-34-56', accountNumber: '****5678' },
      to: { accountName: 'Neuadd Llanfair Newydd', payeeName: 'NEUADD LLANFAIR NE', sortCode: '65-43-21', accountNumber: '****4321' },
      verification: 'pending',
    });
    expect(JSON.stringify(audit.changes)).not.toMatch(/12345678|87654321/);

    // Every lead and member of the group, and the finance team, are told, each in their own language.
    const notices = await prisma.notification.findMany({ where: { id: { startsWith: `organisation:${group.id}:bank-account:2:` } } });
    const to = new Map(notices.map((n) => [n.personId, n]));
    for (const person of [leadPerson, memberPerson, insiderPerson, officer, approver]) expect(to.has(person.id), person.id).toBe(true);
    expect(new Set(notices.map((n) => n.personId)).size).toBe(notices.length);
    const welsh = to.get(leadPerson.id);
    expect(welsh?.language).toBe('cy');
    expect(welsh?.subject).toBe('Newidiwyd manylion banc Neuadd Bentref Llanfair');
    expect(welsh?.body).toMatch(/Helo Gwen Jones,[\s\S]*65-43-21[\s\S]*\*\*\*\*4321/);
    expect(to.get(memberPerson.id)?.subject).toBe('The bank details of Neuadd Bentref Llanfair were changed');
    expect(to.get(officer.id)?.body).toMatch(/version 2|fersiwn 2/);
    for (const notice of notices) expect(notice.body).not.toMatch(/87654321/);
    await eventually(async () =>
      (await prisma.notification.count({ where: { id: { startsWith: `organisation:${group.id}:bank-account:2:` }, sentAt: null } })) === 0 ? true : undefined,
    );

    // The person who changed it may not verify it; an old version is not the one to verify.
    const own = await send(insider, 'POST', `${path}/verification`, { version: 2, method: 'call_back_known_contact', note: 'Fi fy hun' });
    expect(own.status).toBe(403);
    expect(own.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(own.json.detail).toBe('You changed these bank details, so someone else in finance must verify the change');
    const ownCy = await send(
      insider,
      'POST',
      `${path}/verification`,
      { version: 2, method: 'call_back_known_contact', note: 'Fi fy hun' },
      { 'accept-language': 'cy' },
    );
    expect(ownCy.json.detail).toBe('Chi newidiodd y manylion banc hyn, felly rhaid i rywun arall ym maes cyllid wirio’r newid');
    expect((await send(approver, 'POST', `${path}/verification`, { version: 1, method: 'call_back_known_contact', note: 'Hen' })).status).toBe(409);
    expect((await send(approver, 'POST', `${path}/verification`, { version: 2, method: 'guessed', note: 'Dim' })).status).toBe(400);
    expect((await send(approver, 'POST', `${path}/verification`, { version: 2, method: 'call_back_known_contact' })).status).toBe(400);
    expect((await send(lead, 'POST', `${path}/verification`, { version: 2, method: 'call_back_known_contact', note: 'Fi' })).status).toBe(403);
    expect((await prisma.bankAccount.findUniqueOrThrow({ where: { organisationId: group.id } })).verifiedAt).toBeNull();

    const second = await send(approver, 'POST', `${path}/verification`, {
      version: 2,
      method: 'bank_letter',
      note: 'Letter on the bank’s paper, checked against the branch',
    });
    expect(second.status, second.text).toBe(200);
    const verifyAudit = await prisma.auditRecord.findFirstOrThrow({
      where: { stream: `organisation:${group.id}`, command: 'bank_account.verify' },
      orderBy: { sequence: 'desc' },
    });
    expect(verifyAudit.changes).toMatchObject({ version: 2, method: 'bank_letter', note: 'Letter on the bank’s paper, checked against the branch' });

    // Verified, the next run pays the new account.
    const later = await send(approver, 'POST', '/api/finance/payment-runs', {});
    expect(later.status, later.text).toBe(201);
    const laterRun = later.json as unknown as CreatedPaymentRun;
    expect(laterRun.instructions.map((i) => i.id)).toEqual([instruction.id]);
    const file = await send(approver, 'GET', `/api/finance/payment-runs/${laterRun.id}/bank-file`);
    expect(parse(file.text, { columns: true })).toEqual([
      { payee_name: 'NEUADD LLANFAIR NE', sort_code: '65-43-21', account_number: '87654321', amount: '2500.00', reference: instruction.bankReference },
    ]);
  });

  it('writes only what Bacs carries: refuses a name that would be a formula or has nothing left, and transliterates Welsh letters', async () => {
    const { prisma } = system;
    const group = await createOrganisation(prisma, { name: 'Cymdeithas Gŵyl Ŷd' });
    const lead = await signInOverHttp(system.url, await createPerson(prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] }));
    const path = `/api/organisations/${group.id}/bank-account`;
    const account = (accountName: string, sortCode = '20-30-40') => send(lead, 'POST', path, { accountName, sortCode, accountNumber: '55555555' });

    for (const name of ['=HYPERLINK("http://drwg.example","Cliciwch")', '+441234567890', '-2+3', '@SUM(A1)', ' =1+1']) {
      const refused = await account(name);
      expect(refused.status, name).toBe(400);
      expect(refused.json.detail).toBe('The name on the account cannot begin with =, +, - or @');
    }
    const nothing = await account('’’ !! ’’');
    expect(nothing.status).toBe(400);
    expect(nothing.json.detail).toBe('The name on the account has no letters or digits that a bank payment can carry');
    const welsh = await send(lead, 'POST', path, { accountName: '=HYPERLINK()', sortCode: '20-30-40', accountNumber: '55555555' }, { 'accept-language': 'cy' });
    expect(welsh.json.detail).toBe('Ni all yr enw ar y cyfrif ddechrau gydag =, +, - neu @');
    for (const sortCode of ['12-3456', '1234567', '12 34 56 7', 'ab-cd-ef']) expect((await account('Grŵp', sortCode)).status, sortCode).toBe(400);
    expect(await prisma.bankAccount.count({ where: { organisationId: group.id } })).toBe(0);
    expect(await prisma.auditRecord.count({ where: { stream: `organisation:${group.id}` } })).toBe(0);

    const set = await account('Cymdeithas Gŵyl Ŷd, Llanfair', '203040');
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ accountName: 'Cymdeithas Gŵyl Ŷd, Llanfair', payeeName: 'CYMDEITHAS GWYL YD', sortCode: '20-30-40' });
    await send(officer, 'POST', `${path}/verification`, { version: 1, method: 'confirmation_of_payee', note: 'Confirmation of Payee: full match' });
    const instruction = await instruct(prisma, await committedAward(prisma, group), group, 12_345n);
    const run = await send(officer, 'POST', '/api/finance/payment-runs', {});
    expect(run.status, run.text).toBe(201);
    const file = await send(officer, 'GET', `/api/finance/payment-runs/${(run.json as unknown as CreatedPaymentRun).id}/bank-file`);
    const rows = parse(file.text, { columns: true }) as Record<string, string>[];
    expect(rows.find((row) => row.reference === instruction.bankReference)).toEqual({
      payee_name: 'CYMDEITHAS GWYL YD',
      sort_code: '20-30-40',
      account_number: '55555555',
      amount: '123.45',
      reference: instruction.bankReference,
    });
    for (const row of rows) {
      expect(row.payee_name).toMatch(/^[A-Z0-9][A-Z0-9 .&/-]{0,17}$/);
      expect(row.reference).toMatch(/^[A-Z0-9 .&/-]{1,18}$/);
    }
  });
});
