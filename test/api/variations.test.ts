import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleName } from '../../src/domain/roles.js';
import { appendLedgerEntries, awardBalances, budgetRemaining, type LedgerEntryInput } from '../../src/finance/ledger.js';
import type { AwardVariation } from '../../src/operations/variations/vary-award.js';
import { commitAward } from '../../src/operations/awards/commit-award.js';
import { maxPence } from '../../src/domain/money.js';
import { CfpPolicyCatalogue, loadCfpPolicies } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, mintApiToken } from '../support/people.js';

// Topping awards up and reducing them over the real app, against the programme budget of the award's year
// and the ledger's own limit on payments. Each test has a financial year of its own, so budgets do not mix.
// Here one finance approver may vary an award by any amount alone: the second approver beyond the policy's
// limits is tested in test/api/money-limits.test.ts.

let system: TestSystem;
let nextNumber = randomInt(100_000, 800_000);
let nextYear = 2040 + randomInt(0, 500);
const people = new Map<string, { id: string; token: string }>();

beforeAll(async () => {
  const real = await loadCfpPolicies();
  const alone = { secondApproverAbovePence: maxPence, secondApproverAbovePercent: 100 };
  system = await startTestSystem({
    cfpPolicies: new CfpPolicyCatalogue(real.versions.map((v) => ({ ...v, awards: { ...v.awards, variationApproval: alone } }))),
  });
  for (const role of ['finance_officer', 'finance_approver'] as const) people.set(role, await person([role]));
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

async function vary(role: string, reference: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${system.url}/api/awards/${reference}/variations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${as(role).token}`, 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as AwardVariation & { detail?: string } };
}

/** An award of `amountPence` in a year of its own with `budgetPence`, committed unless asked otherwise. */
async function award({ amountPence, budgetPence, commit = true }: { amountPence: bigint; budgetPence: bigint; commit?: boolean }) {
  const reference = `CFP-2026-${String(nextNumber++).padStart(6, '0')}`;
  const financialYear = nextYear++;
  const organisation = await createOrganisation(system.prisma);
  await insertApplication(system.prisma, { reference, organisation, status: 'accepted' });
  const at = new Date('2026-06-01T09:00:00Z');
  await system.prisma.award.create({
    data: {
      applicationReference: reference,
      organisationId: organisation.id,
      amountPence,
      conditions: [],
      policyVersion: 'CFP-2024',
      decidedAt: at,
      acceptedAt: at,
      financialYear,
    },
  });
  await system.prisma.programmeBudget.create({ data: { programme: 'CFP', financialYear, amountPence: budgetPence } });
  if (commit) {
    const actor = {
      personId: as('finance_officer').id,
      name: 'Cyllid',
      email: 'cyllid@example.cymru',
      language: 'en' as const,
      grants: [{ role: 'finance_officer' as const, organisationId: null, programme: null, delegatedLimitPence: null }],
    };
    await commitAward({ prisma: system.prisma, policies: await loadCfpPolicies(), actor, reference, input: { override: false }, now: new Date() });
  }
  return { reference, financialYear };
}

const entry = (reference: string, financialYear: number, kind: LedgerEntryInput['kind'], amountPence: bigint): LedgerEntryInput => ({
  entryKey: `${kind}:${randomUUID()}`,
  awardReference: reference,
  programme: 'CFP',
  financialYear,
  kind,
  amountPence,
  occurredAt: new Date(),
});

describe('varying an award', () => {
  it('tops up within the budget, and the ledger then lets payments go up to the varied amount', async () => {
    const { reference, financialYear } = await award({ amountPence: 1_500_000n, budgetPence: 2_000_000n });
    // Before the top-up, the database refuses a payment beyond the award.
    await expect(appendLedgerEntries(system.prisma, [entry(reference, financialYear, 'payment_instructed', 1_600_000n)])).rejects.toThrow(/beyond its award/);

    const toppedUp = await vary('finance_approver', reference, { amountPence: 300_000, reason: 'Building costs rose by a fifth' });
    expect(toppedUp.status).toBe(201);
    expect(toppedUp.body).toMatchObject({
      id: `${reference}-V1`,
      amountPence: 300_000,
      awardedPence: 1_800_000,
      financialYear,
      overridden: false,
      approvedById: as('finance_approver').id,
    });

    expect(await awardBalances(system.prisma, reference)).toMatchObject({
      committed: 1_500_000n,
      variations: 300_000n,
      awarded: 1_800_000n,
      remaining: 1_800_000n,
    });
    expect(await budgetRemaining(system.prisma, 'CFP', financialYear)).toEqual({ budget: 2_000_000n, committed: 1_800_000n, remaining: 200_000n });
    const entries = await system.prisma.ledgerEntry.findMany({ where: { awardReference: reference, kind: 'variation' } });
    expect(entries.map((e) => [e.entryKey, e.amountPence, e.financialYear])).toEqual([[`variation:${reference}-V1`, 300_000n, financialYear]]);
    expect(await system.prisma.variation.findUniqueOrThrow({ where: { id: `${reference}-V1` } })).toMatchObject({
      amountPence: 300_000n,
      reason: 'Building costs rose by a fifth',
    });
    // The offered amount stays as decided; what the award stands at is the ledger's.
    expect((await system.prisma.award.findUniqueOrThrow({ where: { applicationReference: reference } })).amountPence).toBe(1_500_000n);

    await appendLedgerEntries(system.prisma, [entry(reference, financialYear, 'payment_instructed', 1_800_000n)]);
    await expect(appendLedgerEntries(system.prisma, [entry(reference, financialYear, 'payment_instructed', 1n)])).rejects.toThrow(/beyond its award/);

    const audit = await system.prisma.auditRecord.findFirstOrThrow({ where: { stream: reference, command: 'award.vary' } });
    expect(audit.summaryEn).toBe('Your grant was increased by £3,000.00 to £18,000.00');
    expect(audit.summaryCy).toBe('Cynyddwyd eich grant £3,000.00 i £18,000.00');
  });

  it('refuses a top-up beyond the budget unless the approver overrides, and is for finance approvers only', async () => {
    const { reference, financialYear } = await award({ amountPence: 1_500_000n, budgetPence: 1_600_000n });
    const refused = await vary('finance_approver', reference, { amountPence: 200_000, reason: 'Costau' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe(
      `Only £1,000.00 is left in the ${financialYear}-${String((financialYear + 1) % 100).padStart(2, '0')} budget: a finance approver must override`,
    );
    expect((await vary('finance_officer', reference, { amountPence: 50_000, reason: 'Costau' })).status).toBe(403);
    expect((await awardBalances(system.prisma, reference)).variations).toBe(0n);

    // The CFP policy lets a finance approver go beyond the budget, explicitly.
    const overridden = await vary('finance_approver', reference, { amountPence: 200_000, reason: 'Costau', override: true });
    expect(overridden.body).toMatchObject({ awardedPence: 1_700_000, overridden: true });
    expect((await budgetRemaining(system.prisma, 'CFP', financialYear)).remaining).toBe(-100_000n);
  });

  it('refuses a reduction below what claims have had approved, and makes one once however often it is sent', async () => {
    const { reference, financialYear } = await award({ amountPence: 1_500_000n, budgetPence: 2_000_000n });
    await appendLedgerEntries(system.prisma, [entry(reference, financialYear, 'claim_approved', 1_000_000n)]);

    const below = await vary('finance_approver', reference, { amountPence: -600_000, reason: 'Part of the project dropped' });
    expect(below.status).toBe(409);
    expect(below.body.detail).toBe('Claims of £10,000.00 are already approved: the grant cannot go down to £9,000.00');

    const key = { 'idempotency-key': randomUUID() };
    const reduced = await vary('finance_approver', reference, { amountPence: -500_000, reason: 'Part of the project dropped' }, key);
    expect(reduced.status).toBe(201);
    expect(reduced.body).toMatchObject({ amountPence: -500_000, awardedPence: 1_000_000 });
    const repeated = await vary('finance_approver', reference, { amountPence: -500_000, reason: 'Part of the project dropped' }, key);
    expect(repeated.headers.get('idempotent-replayed')).toBe('true');

    expect(await awardBalances(system.prisma, reference)).toMatchObject({ variations: -500_000n, awarded: 1_000_000n, remaining: 0n });
    expect(await budgetRemaining(system.prisma, 'CFP', financialYear)).toMatchObject({ committed: 1_000_000n, remaining: 1_000_000n });
    expect(await system.prisma.variation.count({ where: { awardReference: reference } })).toBe(1);
    const audit = await system.prisma.auditRecord.findFirstOrThrow({ where: { stream: reference, command: 'award.vary' } });
    expect(audit.summaryEn).toBe('Your grant was reduced by £5,000.00 to £10,000.00');
  });

  it('varies only committed awards, and tops up only those not complete', async () => {
    const uncommitted = await award({ amountPence: 1_000_000n, budgetPence: 2_000_000n, commit: false });
    const refused = await vary('finance_approver', uncommitted.reference, { amountPence: 100_000, reason: 'Costau' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('The award is not committed yet: commit it before varying it');

    const { reference } = await award({ amountPence: 1_000_000n, budgetPence: 2_000_000n });
    await system.prisma.award.update({ where: { applicationReference: reference }, data: { completedAt: new Date() } });
    expect((await vary('finance_approver', reference, { amountPence: 100_000, reason: 'Costau' })).status).toBe(409);
    // A reduction of a completed award gives back what was never claimed.
    expect((await vary('finance_approver', reference, { amountPence: -100_000, reason: 'Tanwariant' })).body.awardedPence).toBe(900_000);
    expect((await vary('finance_approver', reference, { amountPence: 0, reason: 'Dim' })).status).toBe(400);
    expect((await vary('finance_approver', 'CFP-2026-999999', { amountPence: 1, reason: 'Dim' })).status).toBe(404);
  });
});
