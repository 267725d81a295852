import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftInWales } from '../../src/domain/wales-calendar.js';
import { readableDate } from '../../src/domain/wales-time.js';
import { appendLedgerEntries } from '../../src/finance/ledger.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { eventually } from '../support/http.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// Claims over HTTP against a real worker: from the lead's claim to a payment instruction.

describe('claims API', () => {
  let system: TestSystem;
  const sessions: Record<string, WebSession> = {};
  let groupId: string;
  let counter = 0;

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma);
    groupId = group.id;
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['member', { grants: [{ role: 'applicant_member', organisationId: group.id }] }],
      ['caseworker', { grants: [{ role: 'caseworker' }] }],
      ['financeApprover', { grants: [{ role: 'finance_approver' }] }],
    ];
    for (const [name, options] of people) sessions[name] = await signInOverHttp(system.url, await createPerson(system.prisma, options));
  });

  afterAll(() => system?.stop());

  async function call(who: string, method: string, path: string, body?: unknown, language: 'cy' | 'en' = 'en') {
    const session = sessions[who];
    if (!session) throw new Error(`no session ${who}`);
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': language, ...sessionHeaders(session) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), json: (await response.json()) as Record<string, unknown> };
  }

  async function committedAward(amountPence: number): Promise<string> {
    const reference = `CFP-2026-${String(660_000 + ++counter).padStart(6, '0')}`;
    await insertApplication(system.prisma, { reference, organisation: { id: groupId, name: 'Grŵp' }, status: 'accepted' });
    await system.prisma.award.create({
      data: {
        applicationReference: reference,
        organisationId: groupId,
        amountPence: BigInt(amountPence),
        conditions: [],
        policyVersion: 'CFP-2024',
        decidedAt: new Date(),
        acceptedAt: new Date(),
        financialYear: 2026,
      },
    });
    await appendLedgerEntries(system.prisma, [
      {
        entryKey: `commitment:${reference}`,
        awardReference: reference,
        programme: 'CFP',
        financialYear: 2026,
        kind: 'commitment',
        amountPence: BigInt(amountPence),
        occurredAt: new Date(),
      },
    ]);
    return reference;
  }

  const claim = (amountPence: number) => ({
    kind: 'stage',
    lines: [{ description: 'Llechi to', supplier: 'Toi Cymru Cyf', invoiceNumber: 'INV-7', invoiceDate: '2026-10-01', amountPence, evidenceFileIds: [] }],
  });

  it('takes a claim from the lead to one payment instruction, less retention', async () => {
    const reference = await committedAward(1_000_000);
    const submitted = await call('lead', 'POST', `/api/awards/${reference}/claims`, claim(200_000));
    expect(submitted).toMatchObject({ status: 202, json: { claimId: `${reference}/C1`, number: 1 } });
    await eventually(async () => ((await call('lead', 'GET', `/api/awards/${reference}`)).json.claims as unknown[]).length === 1 || undefined);

    const verified = await call('caseworker', 'POST', `/api/awards/${reference}/claims/1/verification`, {
      findings: [{ lineNumber: 1, decision: 'approve', approvedPence: 200_000 }],
    });
    expect(verified).toMatchObject({ status: 200, json: { status: 'verified' } });
    expect((await call('financeApprover', 'POST', `/api/awards/${reference}/claims/1/payment-approval`, {})).json).toMatchObject({ status: 'approved' });

    const paid = await eventually(async () => {
      const award = await call('lead', 'GET', `/api/awards/${reference}`);
      return (award.json.claims as { status: string }[])[0]?.status === 'payment_instructed' ? award.json : undefined;
    });
    expect(paid).toMatchObject({
      balances: { claimsApproved: 200_000, retentionHeld: 20_000, paymentsInstructed: 180_000, remaining: 800_000 },
      claims: [{ number: 1, status: 'payment_instructed', payablePence: 180_000 }],
    });
  });

  it('completes the award with its final claim, after which the group sends its monitoring returns, each from 6 weeks before its anniversary', async () => {
    const reference = await committedAward(500_000);
    const tooEarly = await call('member', 'POST', `/api/awards/${reference}/monitoring-returns/1`, { inUse: true, usersPerWeek: 80, changes: 'Dim' });
    expect(tooEarly.json.detail).toBe('Monitoring starts once the project is complete');
    await call('lead', 'POST', `/api/awards/${reference}/claims`, { ...claim(500_000), kind: 'final' });
    await eventually(async () => ((await call('lead', 'GET', `/api/awards/${reference}`)).json.claims as unknown[]).length === 1 || undefined);
    await call('caseworker', 'POST', `/api/awards/${reference}/claims/1/verification`, {
      findings: [{ lineNumber: 1, decision: 'approve', approvedPence: 500_000 }],
    });
    await call('financeApprover', 'POST', `/api/awards/${reference}/claims/1/payment-approval`, {});
    const award = await eventually(async () => {
      const read = await call('lead', 'GET', `/api/awards/${reference}`);
      return read.json.completedAt ? read.json : undefined;
    });
    expect(award).toMatchObject({ balances: { paymentsInstructed: 500_000, retentionHeld: 0 } });

    // Return 1 is due on the first anniversary of completion in Wales and opens 6 weeks before (the
    // policy's opensBefore): sent at completion, it is refused with the date it opens, in either language.
    const completedAt = award.completedAt as string;
    const dueAt = shiftInWales(completedAt, '1 year');
    const opensAt = shiftInWales(dueAt, '6 weeks', -1);
    // The monitoring workflow starts just after the award shows as complete.
    await eventually(
      async () =>
        (
          await system.temporal.client.workflow
            .getHandle(`${reference}/monitoring`)
            .describe()
            .catch(() => undefined)
        )?.status.name === 'RUNNING' || undefined,
    );
    for (const language of ['en', 'cy'] as const) {
      const early = await call('member', 'POST', `/api/awards/${reference}/monitoring-returns/1`, { inUse: true, usersPerWeek: 80, changes: 'Dim' }, language);
      expect(early).toMatchObject({ status: 409, contentType: expect.stringContaining('application/problem+json') as unknown });
      expect(early.json.detail).toBe(
        language === 'en'
          ? `Monitoring return 1 is not open yet: it can be sent from ${readableDate(opensAt, 'en', 'dayAndTime')}, and is due by ${readableDate(dueAt, 'en')}`
          : `Nid yw ffurflen fonitro 1 ar agor eto: gellir ei hanfon o ${readableDate(opensAt, 'cy', 'dayAndTime')} ymlaen, ac mae’n ddyledus erbyn ${readableDate(dueAt, 'cy')}`,
      );
    }
    expect(await system.prisma.monitoringReturn.count({ where: { awardReference: reference } })).toBe(0);
    expect((await call('member', 'POST', `/api/awards/${reference}/monitoring-returns/1`, { inUse: 'yes' })).status).toBe(400);
    await system.temporal.client.workflow.getHandle(`${reference}/monitoring`).terminate('end of test');
  });

  it('keeps evidence that is what it says it is, once, and refuses anything else', async () => {
    const reference = await committedAward(300_000);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('anfoneb toi')]);
    const upload = (body: Buffer, type: string, fileName = 'anfoneb.pdf') =>
      fetch(`${system.url}/api/awards/${reference}/evidence?fileName=${encodeURIComponent(fileName)}`, {
        method: 'POST',
        headers: { 'content-type': type, 'accept-language': 'en', ...sessionHeaders(sessions.member ?? ({} as WebSession)) },
        body,
      });
    const first = await upload(pdf, 'application/pdf');
    expect(first.status).toBe(201);
    const kept = (await first.json()) as { id: string; sizeBytes: number };
    expect(kept.sizeBytes).toBe(pdf.length);
    expect(((await (await upload(pdf, 'application/pdf')).json()) as { id: string }).id).toBe(kept.id);
    // A text file called .pdf, an executable, and too large a file.
    expect((await upload(Buffer.from('not really a pdf'), 'application/pdf')).status).toBe(400);
    expect((await upload(Buffer.from('MZ'), 'application/octet-stream', 'virws.exe')).status).toBe(400);
    expect((await upload(Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf')).status).toBe(413);
    expect(await system.prisma.evidenceFile.count({ where: { awardReference: reference } })).toBe(1);

    // The caseworker reads it back byte for byte, as a download; another award does not have it.
    const download = await fetch(`${system.url}/api/awards/${reference}/evidence/${kept.id}`, {
      headers: sessionHeaders(sessions.caseworker ?? ({} as WebSession)),
    });
    expect(download.headers.get('content-disposition')).toBe('attachment; filename=anfoneb.pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // Evidence from another award cannot be claimed against this one; this award's can.
    const claimed = await call('lead', 'POST', `/api/awards/${reference}/claims`, {
      kind: 'stage',
      lines: [{ ...claim(1_000).lines[0], evidenceFileIds: [kept.id] }],
    });
    expect(claimed.status).toBe(202);
    const other = await committedAward(300_000);
    const stolen = await call('lead', 'POST', `/api/awards/${other}/claims`, {
      kind: 'stage',
      lines: [{ ...claim(1_000).lines[0], evidenceFileIds: [kept.id] }],
    });
    expect(stolen.status).toBe(400);
    expect(
      (await fetch(`${system.url}/api/awards/${other}/evidence/${kept.id}`, { headers: sessionHeaders(sessions.caseworker ?? ({} as WebSession)) })).status,
    ).toBe(404);
  });

  it('takes the group’s bank account from its lead, and records the change with the number masked', async () => {
    const path = `/api/organisations/${groupId}/bank-account`;
    expect((await call('member', 'POST', path, { accountName: 'Grŵp', sortCode: '30-96-34', accountNumber: '12345678' })).status).toBe(403);
    expect((await call('lead', 'POST', path, { accountName: 'Grŵp', sortCode: '30-96', accountNumber: '12345678' })).status).toBe(400);
    const set = await call('lead', 'POST', path, { accountName: 'Grŵp Cymunedol', sortCode: '30-96-34', accountNumber: '1234 5678' });
    expect(set.json).toMatchObject({ sortCode: '30-96-34', accountNumber: '****5678', verification: { status: 'pending' } });
    expect(await system.prisma.bankAccount.findUniqueOrThrow({ where: { organisationId: groupId } })).toMatchObject({
      sortCode: '309634',
      accountNumber: '12345678',
    });
    const audit = await system.prisma.auditRecord.findFirstOrThrow({
      where: { stream: `organisation:${groupId}`, command: 'bank_account.set' },
      orderBy: { sequence: 'desc' },
    });
    expect(JSON.stringify(audit.changes)).not.toContain('12345678');
  });

  it('refuses a claim from a member, beyond what remains, or before the award is committed', async () => {
    const reference = await committedAward(300_000);
    expect((await call('member', 'POST', `/api/awards/${reference}/claims`, claim(100_000))).status).toBe(403);
    const tooMuch = await call('lead', 'POST', `/api/awards/${reference}/claims`, claim(300_001));
    expect(tooMuch).toMatchObject({ status: 409, json: { detail: 'The claim is more than the award has left (£3,000.00)' } });
    expect((await call('lead', 'POST', `/api/awards/${reference}/claims`, { kind: 'stage', lines: [] })).status).toBe(400);

    const uncommitted = `CFP-2026-${String(660_000 + ++counter).padStart(6, '0')}`;
    await insertApplication(system.prisma, { reference: uncommitted, organisation: { id: groupId, name: 'Grŵp' }, status: 'accepted' });
    await system.prisma.award.create({
      data: {
        applicationReference: uncommitted,
        organisationId: groupId,
        amountPence: 100_000n,
        conditions: [],
        policyVersion: 'CFP-2024',
        decidedAt: new Date(),
        acceptedAt: new Date(),
      },
    });
    expect((await call('lead', 'POST', `/api/awards/${uncommitted}/claims`, claim(1_000))).json.detail).toBe(
      'The money for this award has not been committed yet',
    );
    expect(await system.prisma.claim.count({ where: { awardReference: { in: [reference, uncommitted] } } })).toBe(0);
  });
});
