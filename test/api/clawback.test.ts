import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleName } from '../../src/domain/roles.js';
import type { RecoveryView } from '../../src/finance/clawback/recovery.js';
import { appendLedgerEntries, type LedgerEntryInput } from '../../src/finance/ledger.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, mintApiToken } from '../support/people.js';

// Clawback over the real app: a breach recorded, its amount confirmed, invoiced, and received or written
// off. Awards and their payments are written straight into the database, as the claim workflow and
// reconciliation would leave them. The policy is the real CFP-2024 version: a 5-year monitoring period
// (1,826.25 days) with a straight-line taper.

let system: TestSystem;
let nextNumber = randomInt(100_000, 800_000);
const people = new Map<string, { id: string; token: string }>();

beforeAll(async () => {
  system = await startTestSystem();
  for (const role of ['caseworker', 'finance_officer', 'finance_approver', 'applicant_lead'] as const) people.set(role, await person([role]));
  // Writing off needs a finance approver other than the one who confirmed the amount.
  people.set('second_finance_approver', await person(['finance_approver']));
});

afterAll(() => system?.stop());

async function person(roles: RoleName[]) {
  const created = await createPerson(system.prisma, { grants: roles.map((role) => ({ role })) });
  return { id: created.id, token: await mintApiToken(system.prisma, created.id) };
}

function as(role: string) {
  const who = people.get(role);
  if (!who) throw new Error(`no ${role}`);
  return who;
}

async function call(who: { token: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${system.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as RecoveryView & { detail?: string } };
}

/** An award paid `paidPence` (confirmed by the bank), completed at `completedAt` or not yet. */
async function paidAward({ paidPence, completedAt }: { paidPence: bigint; completedAt: Date | null }): Promise<string> {
  const reference = `CFP-2026-${String(nextNumber++).padStart(6, '0')}`;
  const organisation = await createOrganisation(system.prisma);
  await insertApplication(system.prisma, { reference, organisation, status: 'accepted' });
  const at = new Date('2020-06-01T09:00:00Z');
  await system.prisma.award.create({
    data: {
      applicationReference: reference,
      organisationId: organisation.id,
      amountPence: 1_800_000n,
      conditions: [],
      policyVersion: 'CFP-2024',
      decidedAt: at,
      acceptedAt: at,
      financialYear: 2020,
      completedAt,
    },
  });
  const entry = (kind: LedgerEntryInput['kind'], amountPence: bigint): LedgerEntryInput => ({
    entryKey: `${kind}:${reference}`,
    awardReference: reference,
    programme: 'CFP',
    financialYear: 2020,
    kind,
    amountPence,
    occurredAt: at,
  });
  const payments = paidPence > 0n ? [entry('claim_approved', paidPence), entry('payment_instructed', paidPence), entry('payment_confirmed', paidPence)] : [];
  await appendLedgerEntries(system.prisma, [entry('commitment', 1_800_000n), ...payments]);
  return reference;
}

const ledgerOf = (recoveryId: string) =>
  system.prisma.ledgerEntry.findMany({ where: { recoveryId }, orderBy: { id: 'asc' }, select: { entryKey: true, kind: true, amountPence: true } });

describe('clawback', () => {
  it('takes a breach to money received, tapering the amount, with a part receipt, each ledger entry once', async () => {
    const reference = await paidAward({ paidPence: 1_800_000n, completedAt: new Date('2021-06-01T10:00:00Z') });

    // 651.58 days of 1,826.25 served: 1,800,000p x 101,491,200,000 / 157,788,000,000 ms = 1,157,782.34p, rounded up.
    const recorded = await call(as('caseworker'), 'POST', `/api/awards/${reference}/breaches`, {
      breach: 'asset_sold',
      breachOn: '2023-03-15',
      evidence: 'Land Registry shows the hall sold on 15 March 2023',
    });
    expect(recorded.status).toBe(201);
    const id = recorded.body.id;
    expect(id).toBe(`${reference}-R1`);
    expect(recorded.headers.get('location')).toBe(`/api/recoveries/${id}`);
    expect(recorded.body).toMatchObject({
      status: 'recorded',
      breach: 'asset_sold',
      breachOn: '2023-03-15',
      paidPence: 1_800_000,
      assessedPence: 1_157_783,
      amountPence: 1_157_783,
      outstandingPence: 1_157_783,
    });

    // Out of order, and by the wrong roles.
    const early = await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/invoice`, {});
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe(`Cannot issue an invoice: recovery ${id} is recorded but not yet confirmed`);
    expect((await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/invoice`, {}, { 'accept-language': 'cy' })).body.detail).toBe(
      `Ni ellir anfon anfoneb: mae achos adennill ${id} wedi ei gofnodi ond heb ei gadarnhau`,
    );
    expect((await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/confirmation`, {})).status).toBe(403);
    expect((await call(as('caseworker'), 'POST', `/api/recoveries/${id}/receipts`, { amountPence: 1, receivedOn: '2023-05-01' })).status).toBe(403);
    expect((await call(as('applicant_lead'), 'GET', `/api/recoveries/${id}`)).status).toBe(403);

    // Less than assessed needs a reason; more is never allowed.
    expect((await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/confirmation`, { amountPence: 1_150_000 })).status).toBe(400);
    expect((await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/confirmation`, { amountPence: 1_157_784, reason: 'Mwy' })).status).toBe(400);
    const confirmed = await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/confirmation`, {
      amountPence: 1_150_000,
      reason: 'Fixtures left in the hall were bought by the group',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      assessedPence: 1_157_783,
      amountPence: 1_150_000,
      adjustmentReason: 'Fixtures left in the hall were bought by the group',
      confirmedById: as('finance_approver').id,
    });
    expect((await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/confirmation`, {})).status).toBe(409);

    // Invoiced once, however often it is asked for.
    const invoiced = await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/invoice`, {});
    expect(invoiced.status).toBe(200);
    expect(invoiced.body.status).toBe('invoiced');
    expect(invoiced.body.invoiceNumber).toMatch(/^INV-CYM-\d{6}$/);
    const again = await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/invoice`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`Cannot issue an invoice: recovery ${id} is invoiced and awaiting payment`);

    // A part receipt, sent twice with one Idempotency-Key: one receipt.
    const key = { 'idempotency-key': randomUUID() };
    const part = await call(
      as('finance_officer'),
      'POST',
      `/api/recoveries/${id}/receipts`,
      { amountPence: 400_000, receivedOn: '2023-05-02', note: 'BACS NEUADD' },
      key,
    );
    expect(part.status).toBe(200);
    expect(part.body).toMatchObject({ status: 'invoiced', receivedPence: 400_000, outstandingPence: 750_000 });
    const replayed = await call(
      as('finance_officer'),
      'POST',
      `/api/recoveries/${id}/receipts`,
      { amountPence: 400_000, receivedOn: '2023-05-02', note: 'BACS NEUADD' },
      key,
    );
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.receivedPence).toBe(400_000);

    // More than is owed is refused; the rest closes it.
    expect((await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/receipts`, { amountPence: 750_001, receivedOn: '2023-06-01' })).status).toBe(409);
    const rest = await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/receipts`, { amountPence: 750_000, receivedOn: '2023-06-01' });
    expect(rest.body).toMatchObject({ status: 'received', receivedPence: 1_150_000, outstandingPence: 0 });
    expect((await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/receipts`, { amountPence: 1, receivedOn: '2023-06-02' })).status).toBe(409);
    expect((await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/write-off`, { reason: 'Dim' })).status).toBe(409);

    const read = await call(as('caseworker'), 'GET', `/api/recoveries/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.receipts).toEqual([
      { number: 1, amountPence: 400_000, receivedOn: '2023-05-02', note: 'BACS NEUADD' },
      { number: 2, amountPence: 750_000, receivedOn: '2023-06-01', note: null },
    ]);
    expect(await ledgerOf(id)).toEqual([
      { entryKey: `recovery-invoiced:${id}`, kind: 'recovery_invoiced', amountPence: 1_150_000n },
      { entryKey: `recovery-received:${id}:1`, kind: 'recovery_received', amountPence: 400_000n },
      { entryKey: `recovery-received:${id}:2`, kind: 'recovery_received', amountPence: 750_000n },
    ]);
    // The receipts are booked to the financial year they came in (2023-24).
    expect(new Set((await system.prisma.ledgerEntry.findMany({ where: { recoveryId: id, kind: 'recovery_received' } })).map((e) => e.financialYear))).toEqual(
      new Set([2023]),
    );

    const audit = await system.prisma.auditRecord.findMany({
      where: { stream: reference },
      orderBy: { sequence: 'asc' },
      select: { command: true, summaryEn: true, summaryCy: true },
    });
    expect(audit.map((r) => r.command)).toEqual(['recovery.record', 'recovery.confirm', 'recovery.invoice', 'recovery.receive', 'recovery.receive']);
    expect(audit[0]?.summaryEn).toBe('A breach of the grant’s conditions was recorded (the asset was sold): £11,577.83 may have to be repaid');
    expect(audit[4]?.summaryCy).toBe('Derbyniwyd £7,500.00: mae’r grant wedi ei ad-dalu’n llawn');

    // A later breach asks only about what the group still holds: 1,800,000p less the 1,150,000p recovered.
    const second = await call(as('caseworker'), 'POST', `/api/awards/${reference}/breaches`, {
      breach: 'misrepresentation',
      breachOn: '2024-01-10',
      evidence: 'Match funding letter was forged',
    });
    expect(second.body).toMatchObject({ id: `${reference}-R2`, paidPence: 650_000, amountPence: 650_000 });
  });

  it('writes off what is left after a part receipt, once; one open recovery per award', async () => {
    // Not complete: misrepresentation (or anything before completion) asks for all that was paid.
    const reference = await paidAward({ paidPence: 500_000n, completedAt: null });
    const recorded = await call(as('caseworker'), 'POST', `/api/awards/${reference}/breaches`, {
      breach: 'misrepresentation',
      breachOn: '2021-02-01',
      evidence: 'The constitution was not signed',
    });
    expect(recorded.body).toMatchObject({ status: 'recorded', assessedPence: 500_000 });
    const id = recorded.body.id;
    const secondWhileOpen = await call(as('caseworker'), 'POST', `/api/awards/${reference}/breaches`, {
      breach: 'asset_sold',
      breachOn: '2021-02-01',
      evidence: 'Eto',
    });
    expect(secondWhileOpen.status).toBe(409);
    expect(secondWhileOpen.body.detail).toBe(`Recovery ${id} on this award is still open: it must be settled before another breach is recorded`);

    // Write-off before there is an invoice: nothing is owed yet.
    expect((await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/write-off`, { reason: 'Dim' })).status).toBe(409);
    expect((await call(as('finance_approver'), 'POST', `/api/recoveries/${id}/confirmation`, {})).body.amountPence).toBe(500_000);
    // Three invoice requests at once: the recovery's row lock lets one through.
    const invoices = await Promise.all([1, 2, 3].map(() => call(as('finance_officer'), 'POST', `/api/recoveries/${id}/invoice`, {})));
    expect(invoices.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/receipts`, { amountPence: 100_000, receivedOn: '2021-03-01' });

    expect((await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/write-off`, { reason: 'Y grŵp wedi ei ddiddymu' })).status).toBe(403);
    const writtenOff = await call(as('second_finance_approver'), 'POST', `/api/recoveries/${id}/write-off`, { reason: 'The group was dissolved' });
    expect(writtenOff.status).toBe(200);
    expect(writtenOff.body).toMatchObject({ status: 'written_off', receivedPence: 100_000, writtenOffPence: 400_000, outstandingPence: 0 });
    expect((await call(as('second_finance_approver'), 'POST', `/api/recoveries/${id}/write-off`, { reason: 'The group was dissolved' })).status).toBe(409);
    expect((await call(as('finance_officer'), 'POST', `/api/recoveries/${id}/receipts`, { amountPence: 1, receivedOn: '2021-04-01' })).status).toBe(409);

    expect((await ledgerOf(id)).map((e) => [e.kind, e.amountPence])).toEqual([
      ['recovery_invoiced', 500_000n],
      ['recovery_received', 100_000n],
      ['recovery_written_off', 400_000n],
    ]);
    const writeOff = await system.prisma.auditRecord.findFirstOrThrow({ where: { stream: reference, command: 'recovery.write_off' } });
    expect(writeOff.summaryEn).toBe('£4,000.00 was written off: this part of the grant no longer has to be repaid');
  });

  it('keeps the one who recorded a breach from confirming it', async () => {
    const reference = await paidAward({ paidPence: 300_000n, completedAt: null });
    const both = await person(['caseworker', 'finance_approver']);
    const recorded = await call(both, 'POST', `/api/awards/${reference}/breaches`, {
      breach: 'use_changed',
      breachOn: '2021-02-01',
      evidence: 'The hall is now a shop',
    });
    expect(recorded.status).toBe(201);
    const refused = await call(both, 'POST', `/api/recoveries/${recorded.body.id}/confirmation`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('You cannot confirm a recovery you recorded');
  });

  it('asks for nothing after the monitoring period, nothing unpaid, and no breach in the future', async () => {
    const reference = await paidAward({ paidPence: 1_000_000n, completedAt: new Date('2015-01-01T00:00:00Z') });
    const late = await call(as('caseworker'), 'POST', `/api/awards/${reference}/breaches`, {
      breach: 'asset_sold',
      breachOn: '2020-01-02',
      evidence: 'Gwerthwyd',
    });
    expect(late.status).toBe(409);
    expect(late.body.detail).toBe('The monitoring period ended on 2020-01-01: nothing is repayable for a breach on 2020-01-02');
    // Misrepresentation is repayable whenever it comes to light.
    const misrepresented = await call(as('caseworker'), 'POST', `/api/awards/${reference}/breaches`, {
      breach: 'misrepresentation',
      breachOn: '2020-01-02',
      evidence: 'Ffugiwyd',
    });
    expect(misrepresented.body.amountPence).toBe(1_000_000);

    const unpaid = await paidAward({ paidPence: 0n, completedAt: null });
    const nothing = await call(as('caseworker'), 'POST', `/api/awards/${unpaid}/breaches`, {
      breach: 'asset_sold',
      breachOn: '2021-01-01',
      evidence: 'Gwerthwyd',
    });
    expect(nothing.status).toBe(409);
    expect(nothing.body.detail).toBe('None of the grant has been paid to the group (or it has been recovered already): there is nothing to recover');
    const future = await call(as('caseworker'), 'POST', `/api/awards/${unpaid}/breaches`, {
      breach: 'asset_sold',
      breachOn: '2999-01-01',
      evidence: 'Rhy gynnar',
    });
    expect(future.status).toBe(400);
    expect(
      (await call(as('caseworker'), 'POST', `/api/awards/CFP-2026-999999/breaches`, { breach: 'asset_sold', breachOn: '2021-01-01', evidence: 'Dim' })).status,
    ).toBe(404);
    expect((await call(as('finance_officer'), 'GET', '/api/recoveries/not-a-recovery')).status).toBe(404);
  });
});
