import { randomInt, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bankReferenceOf } from '../../src/activities/instruct-payment.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import type { CreatedPaymentRun } from '../../src/operations/payments/create-payment-run.js';
import type { PaymentRunView } from '../../src/finance/payments/payment-run-view.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type TestOrganisation, type WebSession } from '../support/people.js';

// Payment runs over the real app. Awards, their commitment and their payment instructions are written
// straight into the database, as the award and claim workflows leave them; bank accounts too, as verified
// by a finance officer (test/api/bank-details.test.ts changes and verifies them over HTTP). A run takes every waiting
// instruction in the database, so each test checks its own instructions, and a group held back by one test
// stays waiting (and held back) in the runs of the others.

let nextNumber = randomInt(100_000, 800_000);

/** A change of bank details as a finance officer leaves it once verified (by someone made up for it). */
const verified = {
  verifiedAt: new Date('2026-05-01T09:00:00Z'),
  verifiedById: randomUUID(),
  verificationMethod: 'call_back_known_contact',
  verificationNote: 'Prawf',
};

interface Group extends TestOrganisation {
  members: { id: string; language: 'cy' | 'en' }[];
}

async function createGroup(
  prisma: PrismaClient,
  {
    name,
    bank,
    members = [],
  }: {
    name?: string;
    bank?: { accountName: string; sortCode: string; accountNumber: string } | null;
    members?: { role: 'applicant_lead' | 'applicant_member'; language: 'cy' | 'en' }[];
  },
): Promise<Group> {
  const organisation = await createOrganisation(prisma, name ? { name } : {});
  if (bank) await prisma.bankAccount.create({ data: { organisationId: organisation.id, ...bank, ...verified } });
  const people = [];
  for (const member of members) {
    const person = await createPerson(prisma, {
      name: member.language === 'cy' ? 'Gwen Jones' : 'Tom Evans',
      language: member.language,
      grants: [{ role: member.role, organisationId: organisation.id }],
    });
    people.push({ id: person.id, language: member.language });
  }
  return { ...organisation, members: people };
}

/** An accepted, committed award to the group. */
async function createAward(prisma: PrismaClient, group: Group): Promise<string> {
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

interface TestInstruction {
  id: string;
  claimId: string;
  awardReference: string;
  bankReference: string;
  amountPence: bigint;
}

/** A payment instruction as the claim workflow makes it: PAY-<claim id>, and its bank reference (CYM<year><number>C<claim>). */
async function instruct(
  prisma: PrismaClient,
  awardReference: string,
  group: Group,
  claimNumber: number,
  amountPence: bigint,
  status = 'instructed',
): Promise<TestInstruction> {
  const claimId = `${awardReference}/C${claimNumber}`;
  const instruction = { id: `PAY-${claimId}`, claimId, awardReference, bankReference: bankReferenceOf(claimId), amountPence };
  await prisma.paymentInstruction.create({ data: { ...instruction, organisationId: group.id, status, createdAt: new Date() } });
  return instruction;
}

describe('payment runs', () => {
  let system: TestSystem;
  let officer: WebSession;
  let approver: WebSession;

  beforeAll(async () => {
    system = await startTestSystem();
    officer = await signInOverHttp(system.url, await createPerson(system.prisma, { grants: [{ role: 'finance_officer' }] }));
    approver = await signInOverHttp(system.url, await createPerson(system.prisma, { grants: [{ role: 'finance_approver' }] }));
  });

  afterAll(() => system?.stop());

  async function send(
    method: 'GET' | 'POST',
    path: string,
    { session = officer, body, language = 'en' }: { session?: WebSession | null; body?: unknown; language?: string } = {},
  ) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': language, ...(session ? sessionHeaders(session) : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : undefined;
    return { status: response.status, headers: response.headers, text, json };
  }

  const createRun = (options: { session?: WebSession; language?: string } = {}) => send('POST', '/api/finance/payment-runs', { body: {}, ...options });

  it('takes every waiting instruction once, with its bank file, audit record and remittance notices in each member’s language', async () => {
    const { prisma } = system;
    const neuadd = await createGroup(prisma, {
      bank: { accountName: 'Neuadd Bentref Aberffraw, "Y Neuadd"', sortCode: '12 34 56', accountNumber: '12345678' },
      members: [
        { role: 'applicant_lead', language: 'cy' },
        { role: 'applicant_member', language: 'en' },
      ],
    });
    const gwyl = await createGroup(prisma, {
      bank: { accountName: 'Cymdeithas Gŵyl Ŷd', sortCode: '65-43-21', accountNumber: '87654321' },
      members: [{ role: 'applicant_lead', language: 'en' }],
    });
    const neuaddAward = await createAward(prisma, neuadd);
    const gwylAward = await createAward(prisma, gwyl);
    const a1 = await instruct(prisma, neuaddAward, neuadd, 1, 123_456n);
    const a2 = await instruct(prisma, neuaddAward, neuadd, 2, 1n);
    const b1 = await instruct(prisma, gwylAward, gwyl, 1, 250_000n);
    // Already in an earlier run, and already paid: neither is taken again.
    const earlier = await instruct(prisma, gwylAward, gwyl, 2, 10_000n, 'in_run');
    const paid = await instruct(prisma, gwylAward, gwyl, 3, 20_000n, 'confirmed');

    const created = await createRun();
    expect(created.status, created.text).toBe(201);
    const run = created.json as CreatedPaymentRun;
    expect(run.id).toMatch(/^RUN-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(created.headers.get('location')).toBe(`/api/finance/payment-runs/${run.id}`);
    const ours = [a1, a2, b1];
    const listed = run.instructions.map((i) => i.id);
    expect(listed).toEqual(expect.arrayContaining(ours.map((i) => i.id)));
    expect(listed).not.toContain(earlier.id);
    expect(listed).not.toContain(paid.id);
    expect(run.instructions.find((i) => i.id === a1.id)).toEqual({
      id: a1.id,
      claimId: a1.claimId,
      awardReference: neuaddAward,
      organisationId: neuadd.id,
      organisationName: neuadd.name,
      amountPence: 123_456,
      bankReference: a1.bankReference,
      status: 'in_run',
    });
    expect(run.instructionCount).toBe(run.instructions.length);
    expect(run.totalPence).toBe(String(run.instructions.reduce((sum, i) => sum + i.amountPence, 0)));
    expect(run.remittances).toEqual({ queued: expect.any(Number), delivery: 'started' });

    const rows = await prisma.paymentInstruction.findMany({ where: { id: { in: [...ours, earlier, paid].map((i) => i.id) } } });
    const stateOf = (i: TestInstruction) => rows.find((row) => row.id === i.id);
    for (const instruction of ours) expect(stateOf(instruction)).toMatchObject({ status: 'in_run', paymentRunId: run.id });
    expect(stateOf(earlier)).toMatchObject({ status: 'in_run', paymentRunId: null });
    expect(stateOf(paid)).toMatchObject({ status: 'confirmed', paymentRunId: null });
    expect(await prisma.paymentInstruction.count({ where: { status: 'instructed', id: { notIn: run.heldBack.map((h) => h.id) } } })).toBe(0);

    // The bank file: a row per payment, amounts exact, and together the run's total.
    const file = await send('GET', `/api/finance/payment-runs/${run.id}/bank-file`, { session: approver });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename=${run.id}.csv`);
    expect(file.text.split('\r\n')[0]).toBe('payee_name,sort_code,account_number,amount,reference');
    // Payee names as Bacs carries them: upper case, no punctuation it lacks, 18 characters, Welsh letters transliterated.
    expect(file.text).toContain(`\r\nNEUADD BENTREF ABE,12-34-56,12345678,1234.56,${a1.bankReference}\r\n`);
    const csvRows = parse(file.text, { columns: true }) as Record<string, string>[];
    expect(csvRows).toHaveLength(run.instructionCount);
    expect(csvRows.find((row) => row.reference === a2.bankReference)).toEqual({
      payee_name: 'NEUADD BENTREF ABE',
      sort_code: '12-34-56',
      account_number: '12345678',
      amount: '0.01',
      reference: a2.bankReference,
    });
    expect(csvRows.find((row) => row.reference === b1.bankReference)).toEqual({
      payee_name: 'CYMDEITHAS GWYL YD',
      sort_code: '65-43-21',
      account_number: '87654321',
      amount: '2500.00',
      reference: b1.bankReference,
    });
    const filePence = csvRows.reduce((sum, row) => sum + Number((row.amount ?? '').replace('.', '')), 0);
    expect(String(filePence)).toBe(run.totalPence);
    expect((await prisma.paymentRun.findUniqueOrThrow({ where: { id: run.id } })).bankFileCsv).toBe(file.text);

    const read = await send('GET', `/api/finance/payment-runs/${run.id}`);
    expect(read.status).toBe(200);
    const summary: PaymentRunView = {
      id: run.id,
      createdById: run.createdById,
      createdAt: run.createdAt,
      instructionCount: run.instructionCount,
      totalPence: run.totalPence,
      expectedPaymentDate: run.expectedPaymentDate,
      instructions: run.instructions,
    };
    expect(read.json).toEqual(summary);

    const audit = await prisma.auditRecord.findFirst({
      where: { stream: 'system', command: 'finance.payment_run.create', changes: { path: ['paymentRunId'], equals: run.id } },
    });
    expect(audit).toMatchObject({ actorRole: 'finance_officer' });
    expect((audit?.changes as { instructionIds: string[] }).instructionIds).toEqual(expect.arrayContaining(ours.map((i) => i.id)));

    // One notice per payment per member, in the member's language, then sent by the worker.
    const [welsh, english] = neuadd.members;
    if (!welsh || !english) throw new Error('two members');
    const notices = await prisma.notification.findMany({ where: { id: { startsWith: `${neuaddAward}:remittance:${a1.id}:` } }, orderBy: { language: 'asc' } });
    expect(notices.map((n) => [n.id, n.personId, n.language, n.reference, n.sequence])).toEqual([
      [`${neuaddAward}:remittance:${a1.id}:${welsh.id}`, welsh.id, 'cy', neuaddAward, 0],
      [`${neuaddAward}:remittance:${a1.id}:${english.id}`, english.id, 'en', neuaddAward, 0],
    ]);
    const [cy, en] = notices;
    expect(cy?.subject).toBe(`${neuaddAward}: taliad o £1,234.56 ar ei ffordd`);
    expect(cy?.body).toMatch(/Helo Gwen Jones,[\s\S]*Hawliad: .*\/C1[\s\S]*Disgwylir yn eich cyfrif erbyn: Dydd /);
    expect(en?.subject).toBe(`${neuaddAward}: payment of £1,234.56 on its way`);
    expect(en?.body).toMatch(/Hello Tom Evans,[\s\S]*Claim: .*\/C1[\s\S]*Expected in your account by: \w+day, /);
    expect(await prisma.notification.count({ where: { reference: gwylAward, id: { contains: ':remittance:' } } })).toBe(1);
    await eventually(async () =>
      (await prisma.notification.count({ where: { id: { contains: `:remittance:` }, reference: { in: [neuaddAward, gwylAward] }, sentAt: null } })) === 0
        ? true
        : undefined,
    );

    // Nothing is left to pay.
    const again = await createRun();
    expect(again.status).toBe(409);
    expect((again.json as { detail: string }).detail).toMatch(/^Nothing to pay/);
  });

  it('holds back a group without bank details, names it when nothing else is waiting, and pays it once it has them', async () => {
    const { prisma } = system;
    const noBank = await createGroup(prisma, { name: 'Clwb Bowlio Heb Fanc', members: [{ role: 'applicant_lead', language: 'cy' }] });
    const paying = await createGroup(prisma, { bank: { accountName: 'Côr Meibion', sortCode: '112233', accountNumber: '11223344' } });
    const noBankAward = await createAward(prisma, noBank);
    const held = await instruct(prisma, noBankAward, noBank, 1, 75_000n);
    const paid = await instruct(prisma, await createAward(prisma, paying), paying, 1, 30_000n);

    const first = await createRun();
    expect(first.status, first.text).toBe(201);
    const run = first.json as CreatedPaymentRun;
    expect(run.instructions.map((i) => i.id)).toContain(paid.id);
    expect(run.instructions.map((i) => i.id)).not.toContain(held.id);
    expect(run.heldBack).toContainEqual({
      id: held.id,
      claimId: held.claimId,
      awardReference: noBankAward,
      organisationId: noBank.id,
      organisationName: 'Clwb Bowlio Heb Fanc',
      amountPence: 75_000,
      reason: 'no_bank_account',
      detail: { cy: 'Nid yw’r grŵp wedi rhoi cyfrif banc', en: 'The group has not given a bank account' },
    });
    expect(await prisma.paymentInstruction.findUnique({ where: { id: held.id } })).toMatchObject({ status: 'instructed', paymentRunId: null });
    expect(await prisma.notification.count({ where: { reference: noBankAward } })).toBe(0);
    const audit = await prisma.auditRecord.findFirst({
      where: { stream: 'system', command: 'finance.payment_run.create', changes: { path: ['paymentRunId'], equals: run.id } },
    });
    expect((audit?.changes as { heldBack: unknown[] }).heldBack).toContainEqual({
      instructionId: held.id,
      organisationId: noBank.id,
      reason: 'no_bank_account',
    });

    // Only held-back payments wait: refused, naming the group, in Welsh and English.
    const english = await createRun();
    expect(english.status).toBe(409);
    expect((english.json as { detail: string }).detail).toMatch(/^Nothing to pay: every waiting payment is held back .*Clwb Bowlio Heb Fanc/);
    const welsh = await createRun({ language: 'cy' });
    expect(welsh.status).toBe(409);
    expect((welsh.json as { detail: string }).detail).toMatch(/^Dim i’w dalu: .*Clwb Bowlio Heb Fanc/);

    // A sort code that is not six digits holds it back too; put right, the next run takes it.
    await prisma.bankAccount.create({
      data: { organisationId: noBank.id, accountName: 'Clwb Bowlio', sortCode: '12-34', accountNumber: '12345678', ...verified },
    });
    const invalid = await createRun();
    expect(invalid.status).toBe(409);
    await prisma.bankAccount.update({ where: { organisationId: noBank.id }, data: { sortCode: '40-11-22' } });
    const later = await createRun({ session: approver });
    expect(later.status, later.text).toBe(201);
    const laterRun = later.json as CreatedPaymentRun;
    expect(laterRun.instructions.map((i) => i.id)).toEqual([held.id]);
    expect(laterRun.heldBack.map((h) => h.id)).not.toContain(held.id);
    expect(await prisma.paymentInstruction.findUnique({ where: { id: held.id } })).toMatchObject({ status: 'in_run', paymentRunId: laterRun.id });
    const file = await send('GET', `/api/finance/payment-runs/${laterRun.id}/bank-file`);
    expect(file.text).toBe(`payee_name,sort_code,account_number,amount,reference\r\nCLWB BOWLIO,40-11-22,12345678,750.00,${held.bankReference}\r\n`);
  });

  it('never puts an instruction in two runs made at the same moment', async () => {
    const { prisma } = system;
    for (let round = 0; round < 3; round++) {
      const ours: TestInstruction[] = [];
      for (let g = 0; g < 4; g++) {
        const group = await createGroup(prisma, {
          bank: { accountName: `Grŵp ${round}-${g}`, sortCode: '20-30-40', accountNumber: `0000000${g}` },
          members: [{ role: 'applicant_lead', language: g % 2 ? 'cy' : 'en' }],
        });
        const award = await createAward(prisma, group);
        for (let c = 1; c <= 10; c++) ours.push(await instruct(prisma, award, group, c, BigInt(1_000 * c + g)));
      }

      const answers = await Promise.all([createRun(), createRun({ session: approver })]);
      const made = answers.filter((a) => a.status === 201).map((a) => a.json as CreatedPaymentRun);
      for (const refused of answers.filter((a) => a.status !== 201)) {
        expect(refused.status, refused.text).toBe(409);
        expect((refused.json as { detail: string }).detail).toMatch(/^Nothing to pay/);
      }
      expect(made.length).toBeGreaterThanOrEqual(1);
      const taken = made.flatMap((run) => run.instructions.map((i) => i.id));
      expect(new Set(taken).size, 'no instruction in two runs').toBe(taken.length);
      expect(taken).toEqual(expect.arrayContaining(ours.map((i) => i.id)));

      const rows = await prisma.paymentInstruction.findMany({ where: { id: { in: ours.map((i) => i.id) } } });
      for (const row of rows) {
        expect(row.status).toBe('in_run');
        expect(made.find((run) => run.id === row.paymentRunId)?.instructions.map((i) => i.id)).toContain(row.id);
      }
      // Each run's file has exactly its own payments.
      for (const run of made) {
        const stored = await prisma.paymentRun.findUniqueOrThrow({ where: { id: run.id } });
        const references = (parse(stored.bankFileCsv, { columns: true }) as Record<string, string>[]).map((r) => r.reference).sort();
        expect(references).toEqual(run.instructions.map((i) => i.bankReference).sort());
        expect(stored.instructionCount).toBe(run.instructions.length);
      }
    }
  });

  it('skips instructions another run holds, and the next run takes them', async () => {
    const { prisma } = system;
    const group = await createGroup(prisma, { bank: { accountName: 'Grŵp Aros', sortCode: '20-30-40', accountNumber: '55555555' } });
    const award = await createAward(prisma, group);
    const ours = [];
    for (let c = 1; c <= 6; c++) ours.push(await instruct(prisma, award, group, c, BigInt(100 * c)));
    const [held, free] = [ours.slice(0, 3), ours.slice(3)];

    // Another run's transaction, still open, holding half of them as a run does.
    const other = new pg.Client({ connectionString: system.database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM payment_instruction WHERE id = ANY($1) FOR UPDATE', [held.map((i) => i.id)]);
      const first = await createRun();
      expect(first.status, first.text).toBe(201);
      const taken = (first.json as CreatedPaymentRun).instructions.map((i) => i.id);
      expect(taken).toEqual(expect.arrayContaining(free.map((i) => i.id)));
      for (const instruction of held) expect(taken).not.toContain(instruction.id);
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    const second = await createRun();
    expect(second.status, second.text).toBe(201);
    expect((second.json as CreatedPaymentRun).instructions.map((i) => i.id)).toEqual(held.map((i) => i.id));
  });

  it('is for finance officers and approvers only', async () => {
    const { prisma } = system;
    const group = await createGroup(prisma, { bank: { accountName: 'Grŵp', sortCode: '20-30-40', accountNumber: '12345678' } });
    const lead = await createPerson(prisma, { grants: [{ role: 'applicant_lead', organisationId: group.id }] });
    const caseworker = await createPerson(prisma, { grants: [{ role: 'caseworker' }] });
    const administrator = await createPerson(prisma, { grants: [{ role: 'administrator' }] });
    const instruction = await instruct(prisma, await createAward(prisma, group), group, 1, 5_000n);

    for (const person of [lead, caseworker, administrator]) {
      const session = await signInOverHttp(system.url, person);
      expect((await createRun({ session })).status).toBe(403);
      expect((await send('GET', '/api/finance/payment-runs/RUN-20260601-090000-a7a7', { session })).status).toBe(403);
    }
    expect((await send('POST', '/api/finance/payment-runs', { session: null, body: {} })).status).toBe(401);
    expect(await prisma.paymentInstruction.findUnique({ where: { id: instruction.id } })).toMatchObject({ status: 'instructed' });

    const created = await createRun({ session: approver });
    expect(created.status).toBe(201);
    const run = created.json as CreatedPaymentRun;
    expect((await send('GET', `/api/finance/payment-runs/${run.id}/bank-file`, { session: await signInOverHttp(system.url, caseworker) })).status).toBe(403);
    expect((await send('GET', '/api/finance/payment-runs/RUN-20260601-090000-ffff')).status).toBe(404);
    expect((await send('GET', '/api/finance/payment-runs/not-a-run/bank-file')).status).toBe(404);
    expect((await send('POST', '/api/finance/payment-runs', { body: { instructionIds: [instruction.id] } })).status).toBe(400);
  });
});
