import { randomInt, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/db/prisma.js';
import type { ResolvedStatementLine } from '../../src/operations/reconciliation/resolve-statement-line.js';
import type { StatementView } from '../../src/finance/reconciliation/statement-view.js';
import type { FinanceReport } from '../../src/operations/finance-reports/finance-report.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// Reconciling bank statements with payment instructions, and the finance report, over the real app.
// Awards, their ledger entries and payment instructions are written straight into the database, as the
// award and claim workflows would leave them, so each case is a few inserts rather than a claim paid.

let nextNumber = randomInt(100_000, 800_000);

interface TestAward {
  reference: string;
  organisationId: string;
}

async function createAward(
  prisma: PrismaClient,
  {
    programme = 'CFP',
    financialYear = 2026,
    amountPence = 1_000_000n,
    area = { code: 'W06000001', name: 'Isle of Anglesey', decile: 5 },
    completed = false,
  }: {
    programme?: string;
    financialYear?: number;
    amountPence?: bigint;
    area?: { code: string; name: string; decile: number } | null;
    completed?: boolean;
  } = {},
): Promise<TestAward> {
  const reference = `CFP-2026-${String(nextNumber++).padStart(6, '0')}`;
  const organisation = await createOrganisation(prisma);
  await insertApplication(prisma, { reference, organisation, status: 'accepted' });
  await prisma.application.update({
    where: { reference },
    data: { programme, localAuthorityCode: area?.code ?? null, localAuthorityName: area?.name ?? null, wimdDecile: area?.decile ?? null, wimdRank: null },
  });
  const at = new Date('2026-06-01T09:00:00Z');
  await prisma.award.create({
    data: {
      applicationReference: reference,
      organisationId: organisation.id,
      amountPence,
      conditions: [],
      policyVersion: 'CFP-2024',
      decidedAt: at,
      acceptedAt: at,
      financialYear,
      completedAt: completed ? at : null,
    },
  });
  await ledger(prisma, { reference }, programme, [{ kind: 'commitment', amountPence, financialYear, key: `commitment:${reference}` }]);
  return { reference, organisationId: organisation.id };
}

type Kind =
  'commitment' | 'variation' | 'decommitment' | 'payment_confirmed' | 'retention_held' | 'retention_released' | 'recovery_invoiced' | 'recovery_received';

async function ledger(
  prisma: PrismaClient,
  award: { reference: string },
  programme: string,
  entries: { kind: Kind; amountPence: bigint; financialYear: number; key?: string }[],
) {
  await prisma.ledgerEntry.createMany({
    data: entries.map((entry) => ({
      entryKey: entry.key ?? `${entry.kind}:${award.reference}:${randomUUID()}`,
      awardReference: award.reference,
      programme,
      financialYear: entry.financialYear,
      kind: entry.kind,
      amountPence: entry.amountPence,
      occurredAt: new Date(`${entry.financialYear}-06-01T09:00:00Z`),
    })),
  });
}

interface TestInstruction {
  id: string;
  bankReference: string;
}

/** A payment instruction as the claim workflow makes it: PAY-<claim id>, bank reference CYM<claim id without punctuation>. */
async function instruct(prisma: PrismaClient, award: TestAward, claimNumber: number, amountPence: bigint, status = 'in_run'): Promise<TestInstruction> {
  const claimId = `${award.reference}/C${claimNumber}`;
  const id = `PAY-${claimId}`;
  const bankReference = `CYM${claimId.replace(/[^A-Za-z0-9]/g, '')}`;
  await prisma.paymentInstruction.create({
    data: { id, claimId, awardReference: award.reference, organisationId: award.organisationId, amountPence, bankReference, status, createdAt: new Date() },
  });
  return { id, bankReference };
}

function confirmations(prisma: PrismaClient, instruction: TestInstruction) {
  return prisma.ledgerEntry.findMany({ where: { paymentInstructionId: instruction.id, kind: 'payment_confirmed' } });
}

describe('reconciliation and finance reports', () => {
  let system: TestSystem;
  let officer: { id: string; session: WebSession };
  let secondOfficer: { id: string; session: WebSession };

  beforeAll(async () => {
    system = await startTestSystem();
    const person = await createPerson(system.prisma, { grants: [{ role: 'finance_officer' }] });
    officer = { id: person.id, session: await signInOverHttp(system.url, person) };
    const second = await createPerson(system.prisma, { grants: [{ role: 'finance_officer' }] });
    secondOfficer = { id: second.id, session: await signInOverHttp(system.url, second) };
  });

  afterAll(() => system?.stop());

  async function send(
    method: 'GET' | 'POST',
    path: string,
    { session = officer.session, body, language = 'en' }: { session?: WebSession; body?: unknown; language?: string } = {},
  ) {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...sessionHeaders(session), 'accept-language': language },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : undefined;
    return { status: response.status, headers: response.headers, text, json };
  }

  const importCsv = (fileName: string, csv: string, options: { language?: string } = {}) =>
    send('POST', '/api/finance/statements', { body: { fileName, csv }, ...options });

  it('confirms exact matches once, and flags a wrong amount, an unknown reference and a repeated line', async () => {
    const { prisma } = system;
    const award = await createAward(prisma);
    const p1 = await instruct(prisma, award, 1, 250_000n);
    const p2 = await instruct(prisma, award, 2, 100_000n);
    const p3 = await instruct(prisma, award, 3, 75_050n, 'instructed');
    // P3 was instructed in 2025-26: its confirmation is booked to that year, not the year the bank paid it.
    await prisma.ledgerEntry.create({
      data: {
        entryKey: `payment:${p3.id}`,
        awardReference: award.reference,
        programme: 'CFP',
        financialYear: 2025,
        kind: 'payment_instructed',
        amountPence: 75_050n,
        paymentInstructionId: p3.id,
        occurredAt: new Date('2026-03-30T12:00:00Z'),
      },
    });

    // CRLF, both date forms, quoting, and P1's reference as a bank might reprint it (spaced, lower case).
    const csv = [
      'date,reference,amount',
      `2026-05-14,${p1.bankReference},2500.00`,
      `14/05/2026,${p2.bankReference},1000.01`,
      '2026-05-14,CYMNOSUCHPAYMENT,50.00',
      `2026-05-15,${p1.bankReference.toLowerCase().replace('cfp', 'cfp ')},2500.00`,
      `"15/05/2026","${p3.bankReference}","750.50"`,
    ].join('\r\n');
    const imported = await importCsv('natwest-2026-05.csv', csv);
    expect(imported.status, imported.text).toBe(201);
    const statement = imported.json as StatementView;
    expect(imported.headers.get('location')).toBe(`/api/finance/statements/${statement.id}`);
    expect(statement.counts).toEqual({ matched: 2, partial: 1, unmatched: 1, duplicate: 1, resolved: 0 });
    expect(statement.lines.map((l) => [l.lineNumber, l.matchStatus, l.paymentInstructionId, l.amountPence])).toEqual([
      [2, 'matched', p1.id, 250_000],
      [3, 'partial', p2.id, 100_001],
      [4, 'unmatched', null, 5_000],
      [5, 'duplicate', p1.id, 250_000],
      [6, 'matched', p3.id, 75_050],
    ]);
    expect(statement.lines[1]?.valueDate).toBe('2026-05-14');
    const matched = statement.lines.filter((l) => l.matchStatus === 'matched');
    expect(matched.every((l) => l.reconciledById === officer.id && l.reconciledAt !== null)).toBe(true);
    expect(statement.lines.filter((l) => l.matchStatus !== 'matched').every((l) => l.reconciledById === null)).toBe(true);

    const instructions = await prisma.paymentInstruction.findMany({ where: { awardReference: award.reference }, orderBy: { id: 'asc' } });
    expect(instructions.map((i) => [i.id, i.status, i.confirmedAt !== null])).toEqual([
      [p1.id, 'confirmed', true],
      [p2.id, 'in_run', false],
      [p3.id, 'confirmed', true],
    ]);
    const [p1Entry, ...p1Others] = await confirmations(prisma, p1);
    expect(p1Others).toEqual([]);
    expect(p1Entry).toMatchObject({
      entryKey: `confirmed:${p1.id}`,
      amountPence: 250_000n,
      awardReference: award.reference,
      programme: 'CFP',
      financialYear: 2026,
      actorId: officer.id,
    });
    expect(p1Entry?.occurredAt.toISOString()).toBe('2026-05-14T00:00:00.000Z');
    expect(await confirmations(prisma, p2)).toEqual([]);
    expect(await confirmations(prisma, p3)).toEqual([expect.objectContaining({ financialYear: 2025, amountPence: 75_050n })]);

    const audit = await prisma.auditRecord.findFirst({
      where: { stream: 'system', command: 'finance.statement.import', changes: { path: ['statementId'], equals: statement.id } },
    });
    expect(audit).toMatchObject({ actorId: officer.id, actorRole: 'finance_officer' });
    expect(audit?.changes).toMatchObject({ counts: { matched: 2, partial: 1, unmatched: 1, duplicate: 1 }, confirmedInstructions: [p1.id, p3.id] });

    const read = await send('GET', `/api/finance/statements/${statement.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(statement);

    // The same content again, saved differently (LF, other quoting, ISO dates, another name): refused.
    const again = [
      'date,reference,amount',
      `2026-05-14,${p1.bankReference},2500.00`,
      `2026-05-14,${p2.bankReference},1000.01`,
      '2026-05-14,CYMNOSUCHPAYMENT,50.00',
      `2026-05-15,${p1.bankReference},2500.00`,
      `2026-05-15,${p3.bankReference},750.50`,
      '',
    ].join('\n');
    const refused = await importCsv('natwest-2026-05 (1).csv', again);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((refused.json as { detail: string }).detail).toMatch(/natwest-2026-05\.csv/);

    // A later statement showing P1 once more, and P2 now at its right amount.
    const later = await importCsv(
      'natwest-2026-06.csv',
      `date,reference,amount\n2026-06-01,${p1.bankReference},2500.00\n2026-06-01,${p2.bankReference},1000.00\n`,
    );
    expect(later.status, later.text).toBe(201);
    expect((later.json as StatementView).lines.map((l) => l.matchStatus)).toEqual(['duplicate', 'matched']);
    expect(await confirmations(prisma, p1)).toHaveLength(1);
    expect(await confirmations(prisma, p2)).toHaveLength(1);
    expect(await prisma.bankStatement.count({ where: { fileName: { startsWith: 'natwest-2026-05' } } })).toBe(1);
  });

  it('confirms a payment once when two statements showing it are imported at the same moment', async () => {
    const { prisma } = system;
    const award = await createAward(prisma);
    const payment = await instruct(prisma, award, 1, 55_500n);
    const line = `2026-08-03,${payment.bankReference},555.00`;
    const [first, second] = await Promise.all([
      importCsv('bank.csv', `date,reference,amount\n${line}\n2026-08-03,OTHER-A,1.00\n`),
      importCsv('ledger.csv', `date,reference,amount\n${line}\n2026-08-03,OTHER-B,1.00\n`),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const statuses = [first, second].map((r) => (r.json as StatementView).lines[0]?.matchStatus).sort();
    expect(statuses).toEqual(['duplicate', 'matched']);
    expect(await confirmations(prisma, payment)).toHaveLength(1);

    // The same content twice at once: one is imported, the other refused.
    const csv = `date,reference,amount\n2026-08-04,SAME-${randomUUID()},2.00\n`;
    const both = await Promise.all([importCsv('a.csv', csv), importCsv('b.csv', csv)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('lets a finance officer resolve what did not match, once, recording who and when', async () => {
    const { prisma } = system;
    const award = await createAward(prisma);
    const mangled = await instruct(prisma, award, 1, 40_000n);
    const underpaid = await instruct(prisma, award, 2, 1_234n);
    const exact = await instruct(prisma, award, 3, 9_999n);
    const csv = [
      'date,reference,amount',
      '2026-07-01,CYM CFP2026 TRUNCATED,400.00',
      `2026-07-01,${underpaid.bankReference},12.00`,
      `2026-07-01,${exact.bankReference},99.99`,
      '2026-07-01,SOMETHING ELSE,1.00',
    ].join('\n');
    const imported = await importCsv('resolve.csv', csv);
    expect(imported.status, imported.text).toBe(201);
    const statement = imported.json as StatementView;
    expect(statement.lines.map((l) => l.matchStatus)).toEqual(['unmatched', 'partial', 'matched', 'unmatched']);
    const resolve = (line: number, body: unknown, session = secondOfficer.session) =>
      send('POST', `/api/finance/statements/${statement.id}/lines/${line}/resolution`, { body, session });

    const before = Date.now();
    const partial = await resolve(3, { note: 'The bank took a £0.34 fee; the group has been told' });
    expect(partial.status, partial.text).toBe(200);
    const resolved = partial.json as ResolvedStatementLine;
    expect(resolved).toMatchObject({
      statementId: statement.id,
      paymentConfirmed: false,
      line: {
        lineNumber: 3,
        matchStatus: 'resolved',
        paymentInstructionId: underpaid.id,
        reconciledById: secondOfficer.id,
        note: 'The bank took a £0.34 fee; the group has been told',
      },
    });
    expect(Date.parse(resolved.line.reconciledAt ?? '')).toBeGreaterThanOrEqual(before - 1_000);
    expect((await prisma.paymentInstruction.findUniqueOrThrow({ where: { id: underpaid.id } })).status).toBe('in_run');

    expect((await resolve(3, { note: 'Again' })).status).toBe(409);
    expect((await resolve(4, { note: 'Nothing to do' })).status).toBe(409);
    expect((await resolve(99, { note: 'No such line' })).status).toBe(404);
    expect((await send('POST', '/api/finance/statements/not-a-uuid/lines/2/resolution', { body: { note: 'x' } })).status).toBe(404);
    expect((await resolve(2, { note: 'x', confirmPayment: true })).status).toBe(400);
    expect((await resolve(2, { note: 'x', paymentInstructionId: 'PAY-NOTHING' })).status).toBe(400);
    // The amounts differ, so this line cannot be that payment: refused, and the line is left as it was.
    const wrong = await resolve(5, { note: 'x', paymentInstructionId: underpaid.id, confirmPayment: true });
    expect(wrong.status, wrong.text).toBe(409);

    // The bank cut the reference short: the officer links the line to its instruction and confirms it.
    const linked = await resolve(2, { note: 'Reference truncated by the bank; same amount, same day', paymentInstructionId: mangled.id, confirmPayment: true });
    expect(linked.status, linked.text).toBe(200);
    expect(linked.json).toMatchObject({
      paymentConfirmed: true,
      line: { matchStatus: 'resolved', paymentInstructionId: mangled.id, reconciledById: secondOfficer.id },
    });
    expect((await prisma.paymentInstruction.findUniqueOrThrow({ where: { id: mangled.id } })).status).toBe('confirmed');
    expect(await confirmations(prisma, mangled)).toEqual([expect.objectContaining({ amountPence: 40_000n, actorId: secondOfficer.id })]);

    const read = (await send('GET', `/api/finance/statements/${statement.id}`)).json as StatementView;
    expect(read.counts).toEqual({ matched: 1, partial: 0, unmatched: 1, duplicate: 0, resolved: 2 });
    expect(read.lines.find((l) => l.lineNumber === 5)).toMatchObject({ matchStatus: 'unmatched', reconciledById: null, note: null });

    const audits = await prisma.auditRecord.findMany({
      where: { command: 'finance.statement_line.resolve', changes: { path: ['statementId'], equals: statement.id } },
      orderBy: { sequence: 'asc' },
    });
    expect(audits.map((a) => [a.actorId, (a.changes as { lineNumber: number }).lineNumber])).toEqual([
      [secondOfficer.id, 3],
      [secondOfficer.id, 2],
    ]);

    // Only finance staff: a caseworker is refused.
    const caseworker = await createPerson(prisma, { grants: [{ role: 'caseworker' }] });
    expect((await resolve(5, { note: 'x' }, await signInOverHttp(system.url, caseworker))).status).toBe(403);
  });

  it('refuses a malformed statement, naming each bad line, and writes nothing', async () => {
    const { prisma } = system;
    const award = await createAward(prisma);
    const payment = await instruct(prisma, award, 1, 10_000n);
    const counts = async () => ({
      statements: await prisma.bankStatement.count(),
      lines: await prisma.statementLine.count(),
      ledger: await prisma.ledgerEntry.count(),
      audit: await prisma.auditRecord.count({ where: { stream: 'system' } }),
    });
    const before = await counts();

    const csv = [
      'date,reference,amount',
      `2026-05-14,${payment.bankReference},100.00`,
      `2026-05-14,${payment.bankReference},12.5`,
      '31/02/2026,CYMSOMETHING,1.00',
      '2026-05-14,CYMSHORT',
      '2026-05-14,,£4.00',
    ].join('\n');
    const refused = await importCsv('bad.csv', csv);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const detail = (refused.json as { detail: string }).detail;
    expect(detail).toMatch(/line 3: the amount must be pounds and pence.*\(found "12\.5"\)/);
    expect(detail).toMatch(/line 4: the date must be YYYY-MM-DD or DD\/MM\/YYYY and a real date \(found "31\/02\/2026"\)/);
    expect(detail).toMatch(/line 5: has 2 fields, but the header has 3/);
    expect(detail).toMatch(/line 6: the reference is empty; line 6: the amount must be/);
    expect(detail).not.toMatch(/line 2/);

    const welsh = await importCsv('bad.csv', csv, { language: 'cy' });
    expect((welsh.json as { detail: string }).detail).toMatch(/^Ni ellir mewnforio’r datganiad: llinell 3: /);

    const header = await importCsv('header.csv', 'when,ref,amount\n2026-05-14,X,1.00\n');
    expect(header.status).toBe(400);
    expect((header.json as { detail: string }).detail).toMatch(/line 1: the header must name the columns date, reference and amount/);
    const quote = await importCsv('quote.csv', `date,reference,amount\n2026-05-14,"${payment.bankReference},100.00\n`);
    expect(quote.status).toBe(400);
    expect((quote.json as { detail: string }).detail).toMatch(/line \d: a quote is never closed/);
    expect((await importCsv('empty.csv', 'date,reference,amount\n,,\n')).status).toBe(400);
    expect((await send('POST', '/api/finance/statements', { body: { fileName: 'x.csv' } })).status).toBe(400);
    expect((await importCsv('nul\u0000.csv', `date,reference,amount\n2026-05-14,${payment.bankReference},100.00\n`)).status).toBe(400);

    expect(await counts()).toEqual(before);
    expect((await prisma.paymentInstruction.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe('in_run');
  });

  it('reports committed, paid, retained, outstanding and recovered by programme, year, authority and WIMD quintile', async () => {
    const { prisma } = system;
    const programme = `RPT${randomInt(1_000_000)}`;
    const cardiff = { code: 'W06000015', name: 'Cardiff', decile: 1 };
    const angleseyDecile2 = { code: 'W06000001', name: 'Isle of Anglesey', decile: 2 };
    const a = await createAward(prisma, { programme, financialYear: 2026, amountPence: 1_000_000n });
    const b = await createAward(prisma, { programme, financialYear: 2026, amountPence: 500_000n, area: cardiff });
    const c = await createAward(prisma, { programme, financialYear: 2027, amountPence: 2_000_000n, area: angleseyDecile2, completed: true });
    await createAward(prisma, { programme, financialYear: 2026, amountPence: 10_000n, area: null });
    await ledger(prisma, a, programme, [
      { kind: 'variation', amountPence: 100_000n, financialYear: 2026 },
      { kind: 'retention_held', amountPence: 40_000n, financialYear: 2026 },
    ]);
    await ledger(prisma, b, programme, [
      { kind: 'decommitment', amountPence: 50_000n, financialYear: 2026 },
      { kind: 'payment_confirmed', amountPence: 450_000n, financialYear: 2027 },
      { kind: 'recovery_invoiced', amountPence: 20_000n, financialYear: 2027 },
      { kind: 'recovery_received', amountPence: 15_000n, financialYear: 2027 },
    ]);
    await ledger(prisma, c, programme, [
      { kind: 'retention_held', amountPence: 100_000n, financialYear: 2027 },
      { kind: 'retention_released', amountPence: 60_000n, financialYear: 2027 },
      { kind: 'payment_confirmed', amountPence: 1_000_000n, financialYear: 2027 },
    ]);
    // A's payment reaches the ledger the real way: seen on a statement.
    const payment = await instruct(prisma, a, 1, 360_000n);
    expect((await importCsv('report.csv', `date,reference,amount\n10/06/2026,${payment.bankReference},3600.00\n`)).status).toBe(201);

    const report = async (groupBy: string, extra = '') => {
      const response = await send('GET', `/api/finance/reports/summary?groupBy=${groupBy}&programme=${programme}${extra}`);
      expect(response.status, response.text).toBe(200);
      return response.json as FinanceReport;
    };
    // Figures are decimal strings of pence: sums over many awards may pass 2^53 (test/api/money-limits.test.ts).
    const row = (key: string | null, label: string, awardCount: number, f: [number, number, number, number, number, number, number]) => ({
      key,
      label,
      awardCount,
      committedPence: String(f[0]),
      variationsPence: String(f[1]),
      decommittedPence: String(f[2]),
      paidPence: String(f[3]),
      retainedPence: String(f[4]),
      outstandingPence: String(f[5]),
      recoveredPence: String(f[6]),
    });
    const totals = {
      awardCount: 4,
      committedPence: '3510000',
      variationsPence: '100000',
      decommittedPence: '50000',
      paidPence: '1810000',
      retainedPence: '80000',
      outstandingPence: '1750000',
      recoveredPence: '15000',
    };

    const byProgramme = await report('programme');
    expect(byProgramme).toEqual({ groupBy: 'programme', programme, financialYear: null, rows: [{ key: programme, label: programme, ...totals }], totals });

    const byYear = await report('financial_year');
    expect(byYear.rows).toEqual([
      row('2026', '2026-27', 3, [1_510_000, 100_000, 50_000, 360_000, 40_000, 1_200_000, 0]),
      row('2027', '2027-28', 2, [2_000_000, 0, 0, 1_450_000, 40_000, 550_000, 15_000]),
    ]);
    // Awards in two years' rows are counted once in the totals.
    expect(byYear.totals).toEqual(totals);

    expect((await report('local_authority')).rows).toEqual([
      row('W06000001', 'Isle of Anglesey', 2, [3_000_000, 100_000, 0, 1_360_000, 80_000, 1_740_000, 0]),
      row('W06000015', 'Cardiff', 1, [500_000, 0, 50_000, 450_000, 0, 0, 15_000]),
      row(null, 'Unknown', 1, [10_000, 0, 0, 0, 0, 10_000, 0]),
    ]);
    expect((await report('wimd_quintile')).rows).toEqual([
      row('1', 'Quintile 1 (most deprived)', 2, [2_500_000, 0, 50_000, 1_450_000, 40_000, 1_000_000, 15_000]),
      row('3', 'Quintile 3', 1, [1_000_000, 100_000, 0, 360_000, 40_000, 740_000, 0]),
      row(null, 'Unknown', 1, [10_000, 0, 0, 0, 0, 10_000, 0]),
    ]);
    expect((await report('programme', '&financialYear=2027')).rows).toEqual([
      row(programme, programme, 2, [2_000_000, 0, 0, 1_450_000, 40_000, 550_000, 15_000]),
    ]);

    const csv = await send('GET', `/api/finance/reports/summary?groupBy=local_authority&programme=${programme}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename=finance-summary-by-local_authority.csv');
    expect(parse(csv.text, { bom: true })).toEqual([
      [
        'local_authority',
        'label',
        'awards',
        'committed_gbp',
        'variations_gbp',
        'decommitted_gbp',
        'paid_gbp',
        'retained_gbp',
        'outstanding_gbp',
        'recovered_gbp',
      ],
      ['W06000001', 'Isle of Anglesey', '2', '30000.00', '1000.00', '0.00', '13600.00', '800.00', '17400.00', '0.00'],
      ['W06000015', 'Cardiff', '1', '5000.00', '0.00', '500.00', '4500.00', '0.00', '0.00', '150.00'],
      ['', 'Unknown', '1', '100.00', '0.00', '0.00', '0.00', '0.00', '100.00', '0.00'],
    ]);

    expect((await send('GET', '/api/finance/reports/summary?groupBy=organisation')).status).toBe(400);
    expect((await send('GET', '/api/finance/reports/summary?programme=%00')).status).toBe(400);
  });
});
