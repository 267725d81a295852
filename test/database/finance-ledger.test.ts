import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { AppError } from '../../src/domain/app-error.js';
import { financialYearOf } from '../../src/domain/financial-year.js';
import { appendLedgerEntries, awardBalances, type LedgerEntryInput } from '../../src/finance/ledger.js';
import { setProgrammeBudget } from '../../src/operations/budgets/set-programme-budget.js';
import { commitAward } from '../../src/operations/awards/commit-award.js';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { insertApplication, testPolicy } from '../support/cfp.js';
import { useMigratedDatabase } from '../support/database.js';
import { createOrganisation } from '../support/people.js';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';

// The award ledger's invariants, held by PostgreSQL itself, and committing awards against budgets.

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

let counter = 0;
async function award(amountPence = 1_000_000n): Promise<string> {
  const reference = `CFP-2026-${String(880_000 + ++counter).padStart(6, '0')}`;
  const group = await createOrganisation(prisma);
  await insertApplication(prisma, { reference, organisation: group, status: 'accepted' });
  await prisma.award.create({
    data: {
      applicationReference: reference,
      organisationId: group.id,
      amountPence,
      conditions: [],
      policyVersion: 'CFP-2024',
      decidedAt: new Date('2026-06-01T09:00:00Z'),
      acceptedAt: new Date('2026-06-10T09:00:00Z'),
    },
  });
  return reference;
}

const entry = (reference: string, kind: LedgerEntryInput['kind'], amountPence: bigint, key: string = randomUUID()): LedgerEntryInput => ({
  entryKey: `${kind}:${key}`,
  awardReference: reference,
  programme: 'CFP',
  financialYear: 2026,
  kind,
  amountPence,
  occurredAt: new Date(),
});

describe('the award ledger', () => {
  it('never lets an entry be edited or deleted', async () => {
    const reference = await award();
    await appendLedgerEntries(prisma, [entry(reference, 'commitment', 1_000_000n)]);
    await expect(prisma.ledgerEntry.updateMany({ where: { awardReference: reference }, data: { amountPence: 1n } })).rejects.toThrow(/append-only/);
    await expect(prisma.ledgerEntry.deleteMany({ where: { awardReference: reference } })).rejects.toThrow(/append-only/);
    expect((await awardBalances(prisma, reference)).committed).toBe(1_000_000n);
  });

  it('writes an entry once however often it is appended', async () => {
    const reference = await award();
    const commitment = entry(reference, 'commitment', 1_000_000n, 'once');
    expect(await appendLedgerEntries(prisma, [commitment])).toBe(1);
    expect(await appendLedgerEntries(prisma, [commitment])).toBe(0);
    expect((await awardBalances(prisma, reference)).committed).toBe(1_000_000n);
  });

  it('refuses payments beyond the award plus variations', async () => {
    const reference = await award();
    await appendLedgerEntries(prisma, [entry(reference, 'commitment', 1_000_000n), entry(reference, 'payment_instructed', 900_000n)]);
    await expect(appendLedgerEntries(prisma, [entry(reference, 'payment_instructed', 100_001n)])).rejects.toThrow(/beyond its award/);
    await appendLedgerEntries(prisma, [entry(reference, 'variation', 50_000n), entry(reference, 'payment_instructed', 150_000n)]);
    expect(await awardBalances(prisma, reference)).toMatchObject({ awarded: 1_050_000n, paymentsInstructed: 1_050_000n });
  });

  it('releases retention only once the award is complete, and takes no amounts of zero or less', async () => {
    const reference = await award();
    await appendLedgerEntries(prisma, [entry(reference, 'commitment', 1_000_000n), entry(reference, 'retention_held', 10_000n)]);
    await expect(appendLedgerEntries(prisma, [entry(reference, 'retention_released', 10_000n)])).rejects.toThrow(/only once the award is complete/);
    await prisma.award.update({ where: { applicationReference: reference }, data: { completedAt: new Date() } });
    await appendLedgerEntries(prisma, [entry(reference, 'retention_released', 10_000n)]);
    await expect(appendLedgerEntries(prisma, [entry(reference, 'claim_approved', 0n)])).rejects.toThrow(/positive amount/);
    await expect(appendLedgerEntries(prisma, [entry(reference, 'claim_approved', -5n)])).rejects.toThrow(/positive amount/);
  });
});

describe('committing an award', () => {
  let policies: CfpPolicyCatalogue;
  let policy: CfpPolicy;
  const financeOfficer: Actor = {
    personId: randomUUID(),
    name: 'Swyddog Cyllid',
    email: 'cyllid@example.cymru',
    language: 'en',
    grants: [{ role: 'finance_officer', organisationId: null, programme: null, delegatedLimitPence: null }],
  };
  const financeApprover: Actor = {
    ...financeOfficer,
    personId: randomUUID(),
    grants: [{ role: 'finance_approver', organisationId: null, programme: null, delegatedLimitPence: null }],
  };
  const year = financialYearOf(new Date('2026-06-10T09:00:00Z'));

  beforeAll(async () => {
    policy = { ...(await testPolicy()), version: 'CFP-2024' };
    policies = new CfpPolicyCatalogue([policy]);
  });

  const commit = (reference: string, actor: Actor, override = false) =>
    commitAward({ prisma, policies, actor, reference, input: { override }, now: new Date() });

  async function refusal(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it('commits within the budget of the year the award was accepted in, once', async () => {
    await prisma.programmeBudget.upsert({
      where: { programme_financialYear: { programme: 'CFP', financialYear: year } },
      create: { programme: 'CFP', financialYear: year, amountPence: 100_000_000n },
      update: {},
    });
    const reference = await award(1_000_000n);
    expect(await commit(reference, financeOfficer)).toMatchObject({ financialYear: 2026, committedPence: 1_000_000, overridden: false });
    await commit(reference, financeOfficer);
    expect((await awardBalances(prisma, reference)).committed).toBe(1_000_000n);
    expect((await prisma.award.findUniqueOrThrow({ where: { applicationReference: reference } })).financialYear).toBe(2026);
    expect(await prisma.auditRecord.count({ where: { stream: reference, command: 'award.commit' } })).toBe(1);
  });

  it('beyond the remaining budget, refuses unless a finance approver overrides', async () => {
    const budgetYear = 2031;
    const reference = await award(5_000_000n);
    await prisma.award.update({ where: { applicationReference: reference }, data: { financialYear: budgetYear } });
    await prisma.programmeBudget.create({ data: { programme: 'CFP', financialYear: budgetYear, amountPence: 4_000_000n } });

    const refused = await refusal(commit(reference, financeOfficer));
    expect(refused.code).toBe('conflict');
    expect(refused.detail?.en).toBe('Only £40,000.00 is left in the 2031-32 budget: a finance approver must override');
    expect((await refusal(commit(reference, financeOfficer, true))).code).toBe('forbidden');
    expect(await commit(reference, financeApprover, true)).toMatchObject({ overridden: true });
    expect((await awardBalances(prisma, reference)).committed).toBe(5_000_000n);
  });

  it('refuses outright where the policy allows no override, or no budget is set', async () => {
    const strict = new CfpPolicyCatalogue([{ ...policy, awards: { ...policy.awards, budgetOverrun: 'refuse' } }]);
    const reference = await award(5_000_000n);
    await prisma.award.update({ where: { applicationReference: reference }, data: { financialYear: 2040 } });
    const noBudget = await refusal(commitAward({ prisma, policies: strict, actor: financeApprover, reference, input: { override: true }, now: new Date() }));
    expect(noBudget.detail?.en).toBe('No budget is set for CFP in 2040-41');
    expect((await awardBalances(prisma, reference)).committed).toBe(0n);
  });

  it('takes its budget from a finance approver, who cannot set it below what is committed', async () => {
    const reference = await award(2_000_000n);
    await prisma.award.update({ where: { applicationReference: reference }, data: { financialYear: 2045 } });
    expect(
      (
        await refusal(
          setProgrammeBudget({ prisma, actor: financeOfficer, input: { programme: 'CFP', financialYear: 2045, amountPence: 5_000_000 }, now: new Date() }),
        )
      ).code,
    ).toBe('forbidden');
    expect(
      await setProgrammeBudget({ prisma, actor: financeApprover, input: { programme: 'CFP', financialYear: 2045, amountPence: 5_000_000 }, now: new Date() }),
    ).toMatchObject({ remainingPence: 5_000_000 });
    await commit(reference, financeOfficer);
    const lowered = await refusal(
      setProgrammeBudget({ prisma, actor: financeApprover, input: { programme: 'CFP', financialYear: 2045, amountPence: 1_000_000 }, now: new Date() }),
    );
    expect(lowered.detail.en).toBe('£20,000.00 is already committed in 2045-46');
    expect(
      await setProgrammeBudget({ prisma, actor: financeApprover, input: { programme: 'CFP', financialYear: 2045, amountPence: 2_000_000 }, now: new Date() }),
    ).toMatchObject({ committedPence: 2_000_000, remainingPence: 0 });
  });

  it('is for finance staff only', async () => {
    const reference = await award();
    const caseworker: Actor = { ...financeOfficer, grants: [{ role: 'caseworker', organisationId: null, programme: null, delegatedLimitPence: null }] };
    expect((await refusal(commit(reference, caseworker))).code).toBe('forbidden');
  });
});
