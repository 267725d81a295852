import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryView } from '../../src/finance/clawback/recovery.js';
import { appendLedgerEntries, type LedgerEntryInput } from '../../src/finance/ledger.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, mintApiToken } from '../support/people.js';

// Clawback's separation of duties over the real app: lowering a recovery by more than the policy's share
// (CFP-2024: 10% of what was assessed) and writing one off each need someone other than the person who
// confirmed it, so one finance approver cannot turn £900 owed into nothing alone.

let system: TestSystem;
let nextNumber = randomInt(100_000, 800_000);
const people = new Map<string, { id: string; token: string }>();

beforeAll(async () => {
  system = await startTestSystem();
  for (const name of ['caseworker', 'approverA', 'approverB', 'approverC', 'officer']) {
    const role = name === 'caseworker' ? 'caseworker' : name === 'officer' ? 'finance_officer' : 'finance_approver';
    const created = await createPerson(system.prisma, { grants: [{ role }] });
    people.set(name, { id: created.id, token: await mintApiToken(system.prisma, created.id) });
  }
});

afterAll(() => system?.stop());

function as(name: string) {
  const who = people.get(name);
  if (!who) throw new Error(`no ${name}`);
  return who;
}

async function call(name: string, path: string, body: unknown, language = 'en') {
  const response = await fetch(`${system.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${as(name).token}`, 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as RecoveryView & { detail?: string; reduction?: unknown },
  };
}

/** An award of which £900 has been paid and confirmed, not yet complete, with a breach recorded on it. */
async function recordedRecovery(): Promise<string> {
  const reference = `CFP-2026-${String(nextNumber++).padStart(6, '0')}`;
  const organisation = await createOrganisation(system.prisma);
  await insertApplication(system.prisma, { reference, organisation, status: 'accepted' });
  const at = new Date('2020-06-01T09:00:00Z');
  await system.prisma.award.create({
    data: {
      applicationReference: reference,
      organisationId: organisation.id,
      amountPence: 90_000n,
      conditions: [],
      policyVersion: 'CFP-2024',
      decidedAt: at,
      acceptedAt: at,
      financialYear: 2020,
    },
  });
  const entry = (kind: LedgerEntryInput['kind']): LedgerEntryInput => ({
    entryKey: `${kind}:${reference}`,
    awardReference: reference,
    programme: 'CFP',
    financialYear: 2020,
    kind,
    amountPence: 90_000n,
    occurredAt: at,
  });
  await appendLedgerEntries(
    system.prisma,
    ['commitment', 'claim_approved', 'payment_instructed', 'payment_confirmed'].map((kind) => entry(kind as LedgerEntryInput['kind'])),
  );
  const recorded = await call('caseworker', `/api/awards/${reference}/breaches`, {
    breach: 'misrepresentation',
    breachOn: '2021-02-01',
    evidence: 'Ffugiwyd y llythyr arian cyfatebol',
  });
  expect(recorded.status).toBe(201);
  expect(recorded.body.amountPence).toBe(90_000);
  return recorded.body.id;
}

describe('recovery approvals', () => {
  it('keeps one finance approver from lowering £900 to 1p, invoicing it and writing it off alone', async () => {
    const id = await recordedRecovery();
    const proposed = await call('approverA', `/api/recoveries/${id}/confirmation`, { amountPence: 1, reason: 'Mae’r grŵp mewn trafferth' });
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({
      status: 'recorded',
      amountPence: 90_000,
      reduction: { proposedPence: 1, reason: 'Mae’r grŵp mewn trafferth', proposedById: as('approverA').id },
    });
    expect((await call('officer', `/api/recoveries/${id}/invoice`, {})).status).toBe(409);

    const own = await call('approverA', `/api/recoveries/${id}/reduction-approval`, {});
    expect(own.status).toBe(403);
    expect(own.type).toMatch(/^application\/problem\+json/);
    expect(own.body.detail).toBe('You asked for this recovery to be lowered: another finance approver must agree to it');
    expect((await call('approverA', `/api/recoveries/${id}/reduction-approval`, {}, 'cy')).body.detail).toBe(
      'Chi ofynnodd am ostwng yr adennill hwn: rhaid i gymeradwywr cyllid arall gytuno',
    );
    expect((await call('officer', `/api/recoveries/${id}/reduction-approval`, {})).status).toBe(403);

    const agreed = await call('approverB', `/api/recoveries/${id}/reduction-approval`, {});
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({
      status: 'confirmed',
      assessedPence: 90_000,
      amountPence: 1,
      confirmedById: as('approverA').id,
      reduction: { proposedPence: 1, approvedById: as('approverB').id },
    });
    expect((await call('approverA', `/api/recoveries/${id}/invoice`, {})).status).toBe(200);

    for (const name of ['approverA', 'approverB']) {
      const refused = await call(name, `/api/recoveries/${id}/write-off`, { reason: 'Dim i’w gasglu' });
      expect(refused.status, name).toBe(403);
      expect(refused.body.detail).toBe('You confirmed what this recovery asks for: someone else must write it off');
    }
    expect((await call('approverA', `/api/recoveries/${id}/write-off`, { reason: 'Dim' }, 'cy')).body.detail).toBe(
      'Chi gadarnhaodd swm yr adennill hwn: rhaid i rywun arall ei ddileu',
    );
    expect(await system.prisma.ledgerEntry.count({ where: { recoveryId: id, kind: 'recovery_written_off' } })).toBe(0);
    const writtenOff = await call('approverC', `/api/recoveries/${id}/write-off`, { reason: 'The group was dissolved' });
    expect(writtenOff.status).toBe(200);
    expect(writtenOff.body).toMatchObject({ status: 'written_off', writtenOffPence: 1 });

    const audit = await system.prisma.auditRecord.findMany({
      where: { stream: id.replace(/-R\d+$/, '') },
      orderBy: { sequence: 'asc' },
      select: { command: true },
    });
    expect(audit.map((r) => r.command)).toEqual([
      'recovery.record',
      'recovery.reduction.propose',
      'recovery.reduction.approve',
      'recovery.invoice',
      'recovery.write_off',
    ]);
  });

  it('lets the confirmer lower a recovery within the policy’s share alone, but not write it off', async () => {
    const id = await recordedRecovery();
    // £90 of £900 is 10%: within the share.
    const confirmed = await call('approverA', `/api/recoveries/${id}/confirmation`, { amountPence: 81_000, reason: 'Gosodiadau a brynwyd gan y grŵp' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', amountPence: 81_000 });
    await call('officer', `/api/recoveries/${id}/invoice`, {});
    expect((await call('approverA', `/api/recoveries/${id}/write-off`, { reason: 'Dim' })).status).toBe(403);
    expect((await call('approverB', `/api/recoveries/${id}/write-off`, { reason: 'The group was dissolved' })).status).toBe(200);

    // A penny more than the share waits for a second approver.
    const other = await recordedRecovery();
    expect((await call('approverA', `/api/recoveries/${other}/confirmation`, { amountPence: 80_999, reason: 'Mwy' })).status).toBe(202);
  });
});
