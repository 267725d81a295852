import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleName } from '../../src/domain/roles.js';
import { awardBalances } from '../../src/finance/ledger.js';
import type { FinanceReport } from '../../src/operations/finance-reports/finance-report.js';
import { commitAward } from '../../src/operations/awards/commit-award.js';
import { loadCfpPolicies } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, mintApiToken } from '../support/people.js';

// Money at its limits over the real app: every amount capped at one safe maximum, sums kept exact past
// 2^53 pence, and variations beyond the policy's limits held for a second finance approver. The CFP-2024
// policy lets one finance approver vary an award by up to £25,000 and 10% of what was committed.

let system: TestSystem;
let nextNumber = randomInt(100_000, 800_000);
let nextYear = 2040 + randomInt(0, 500);
const people = new Map<string, { id: string; token: string }>();

beforeAll(async () => {
  system = await startTestSystem();
  for (const role of ['finance_officer', 'finance_approver', 'second_approver'] as const) {
    people.set(role, await person([role === 'second_approver' ? 'finance_approver' : role]));
  }
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

async function call(role: string, method: string, path: string, body?: unknown, language = 'en') {
  const response = await fetch(`${system.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${as(role).token}`, 'content-type': 'application/json', 'accept-language': language },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as Record<string, unknown> & { detail?: string },
  };
}

/** A committed award of `amountPence` in a year of its own with `budgetPence`. */
async function award(amountPence: bigint, budgetPence: bigint) {
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
  const actor = {
    personId: as('finance_officer').id,
    name: 'Cyllid',
    email: 'cyllid@example.cymru',
    language: 'en' as const,
    grants: [{ role: 'finance_officer' as const, organisationId: null, programme: null, delegatedLimitPence: null }],
  };
  await commitAward({ prisma: system.prisma, policies: await loadCfpPolicies(), actor, reference, input: { override: false }, now: new Date() });
  return { reference, financialYear };
}

describe('money at its limits', () => {
  it('refuses a variation of £90 trillion, and the finance summary keeps answering', async () => {
    const { reference } = await award(1_500_000n, 2_000_000n);
    const huge = await call('finance_approver', 'POST', `/api/awards/${reference}/variations`, {
      amountPence: 9_007_199_254_740_991,
      reason: 'Costau',
      override: true,
    });
    expect(huge.status).toBe(400);
    expect(huge.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await awardBalances(system.prisma, reference)).variations).toBe(0n);
    expect(
      (await call('finance_approver', 'POST', `/api/awards/${reference}/variations`, { amountPence: -9_007_199_254_740_991, reason: 'Costau' })).status,
    ).toBe(400);
    const summary = await call('finance_officer', 'GET', '/api/finance/reports/summary');
    expect(summary.status, summary.text).toBe(200);
  });

  it('holds a variation beyond the policy’s limits until a second, different finance approver confirms it', async () => {
    const { reference, financialYear } = await award(1_000_000n, 5_000_000n);
    // 5% of the award: within both limits, so it takes effect at once.
    const small = await call('finance_approver', 'POST', `/api/awards/${reference}/variations`, { amountPence: 50_000, reason: 'Costau bach' });
    expect(small.status, small.text).toBe(201);
    expect(small.body).toMatchObject({ status: 'effective', awardedPence: 1_050_000 });

    // With the earlier 5%, another 6% takes the award's variations past 10%: a second approver must confirm.
    const large = await call('finance_approver', 'POST', `/api/awards/${reference}/variations`, { amountPence: 60_000, reason: 'Costau adeiladu' });
    expect(large.status, large.text).toBe(202);
    expect(large.body).toMatchObject({
      id: `${reference}-V2`,
      status: 'awaiting_confirmation',
      amountPence: 60_000,
      awardedPence: 1_050_000,
      confirmedById: null,
    });
    expect((await awardBalances(system.prisma, reference)).awarded).toBe(1_050_000n);
    expect(await system.prisma.ledgerEntry.count({ where: { entryKey: `variation:${reference}-V2` } })).toBe(0);

    // While it waits, no other variation; the one who asked cannot confirm; a finance officer cannot either.
    expect((await call('second_approver', 'POST', `/api/awards/${reference}/variations`, { amountPence: 1_000, reason: 'Arall' })).status).toBe(409);
    const own = await call('finance_approver', 'POST', `/api/awards/${reference}/variations/${reference}-V2/confirmation`, {});
    expect(own.status).toBe(403);
    expect(own.body.detail).toBe('You asked for this variation: another finance approver must confirm it');
    expect((await call('finance_approver', 'POST', `/api/awards/${reference}/variations/${reference}-V2/confirmation`, {}, 'cy')).body.detail).toBe(
      'Chi ofynnodd am yr amrywiad hwn: rhaid i gymeradwywr cyllid arall ei gadarnhau',
    );
    expect((await call('finance_officer', 'POST', `/api/awards/${reference}/variations/${reference}-V2/confirmation`, {})).status).toBe(403);
    expect((await awardBalances(system.prisma, reference)).awarded).toBe(1_050_000n);

    const confirmed = await call('second_approver', 'POST', `/api/awards/${reference}/variations/${reference}-V2/confirmation`, {});
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'effective',
      awardedPence: 1_110_000,
      approvedById: as('finance_approver').id,
      confirmedById: as('second_approver').id,
    });
    expect((await awardBalances(system.prisma, reference)).awarded).toBe(1_110_000n);
    const entry = await system.prisma.ledgerEntry.findUniqueOrThrow({ where: { entryKey: `variation:${reference}-V2` } });
    expect(entry).toMatchObject({ amountPence: 60_000n, financialYear, actorId: as('second_approver').id });
    expect((await call('second_approver', 'POST', `/api/awards/${reference}/variations/${reference}-V2/confirmation`, {})).status).toBe(409);
    const audit = await system.prisma.auditRecord.findMany({
      where: { stream: reference, command: { startsWith: 'award.vary' } },
      orderBy: { sequence: 'asc' },
    });
    expect(audit.map((r) => r.command)).toEqual(['award.vary', 'award.vary', 'award.vary.confirm']);

    // More than £25,000 at once waits too, whatever share of the award it is.
    const big = await award(30_000_000n, 40_000_000n);
    const overAmount = await call('finance_approver', 'POST', `/api/awards/${big.reference}/variations`, {
      amountPence: -2_500_001,
      reason: 'Rhan o’r prosiect wedi ei ollwng',
    });
    expect(overAmount.status).toBe(202);
  });

  it('caps every money input at the one safe maximum', async () => {
    const max = 100_000_000_000;
    expect((await call('finance_approver', 'POST', '/api/finance/budgets', { programme: 'CFP', financialYear: 2099, amountPence: max + 1 })).status).toBe(400);
    expect((await call('finance_approver', 'POST', '/api/finance/budgets', { programme: 'CFP', financialYear: 2099, amountPence: max })).status).toBe(200);
    const statement = await call('finance_officer', 'POST', '/api/finance/statements', {
      fileName: 'mawr.csv',
      csv: 'date,reference,amount\n2026-05-01,CYMX,1000000000.01\n',
    });
    expect(statement.status, statement.text).toBe(400);
    // Checked as the request is read, before anything is looked up.
    expect(
      (await call('finance_approver', 'POST', '/api/recoveries/CFP-2026-000001-R1/receipts', { amountPence: max + 1, receivedOn: '2026-01-01' })).status,
    ).toBe(400);
    expect((await call('finance_approver', 'POST', '/api/recoveries/CFP-2026-000001-R1/confirmation', { amountPence: max + 1, reason: 'Mwy' })).status).toBe(
      400,
    );
  });

  it('sums a ledger past 2^53 pence exactly, and the report never answers 500', async () => {
    // 91,000 awards of the largest amount there may be, committed in a programme of their own: their sum,
    // 9,100,000,000,000,000 pence, is past Number.MAX_SAFE_INTEGER. Less a penny, a double cannot hold it.
    const awards = 91_000;
    for (let from = 0; from < awards; from += 1_000) {
      await system.prisma.$executeRaw`
        INSERT INTO ledger_entry (entry_key, award_reference, programme, financial_year, kind, amount_pence, occurred_at)
        SELECT 'commitment:BIG-' || n, 'BIG-2026-' || lpad(n::text, 6, '0'), 'BIG', 2026, 'commitment', 100000000000, now()
          FROM generate_series(${from + 1}::int, ${from + 1_000}::int) AS n`;
    }
    await system.prisma.$executeRaw`
      INSERT INTO ledger_entry (entry_key, award_reference, programme, financial_year, kind, amount_pence, occurred_at)
      VALUES ('variation:BIG-2026-000001-V1', 'BIG-2026-000001', 'BIG', 2026, 'variation', -1, now())`;

    for (const groupBy of ['programme', 'financial_year', 'local_authority', 'wimd_quintile']) {
      const response = await call('finance_officer', 'GET', `/api/finance/reports/summary?groupBy=${groupBy}&programme=BIG`);
      expect(response.status, `${groupBy}: ${response.text}`).toBe(200);
      const report = response.body as unknown as FinanceReport;
      expect(report.totals).toEqual({
        awardCount: awards,
        committedPence: '9100000000000000',
        variationsPence: '-1',
        decommittedPence: '0',
        paidPence: '0',
        retainedPence: '0',
        outstandingPence: '9099999999999999',
        recoveredPence: '0',
      });
    }
    const everything = await call('finance_officer', 'GET', '/api/finance/reports/summary?groupBy=financial_year');
    expect(everything.status).toBe(200);
    const csv = await call('finance_officer', 'GET', '/api/finance/reports/summary?groupBy=programme&programme=BIG&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[1]).toBe('BIG,BIG,91000,91000000000000.00,-0.01,0.00,0.00,0.00,90999999999999.99,0.00');
  });
});
