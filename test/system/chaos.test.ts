import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLedgerEntries } from '../../src/finance/ledger.js';
import { caseReferences, checkCase, type CaseConsistency } from '../../src/operations/consistency/check-case.js';
import { startChaosStack, type ChaosStack } from '../support/chaos-stack.js';
import { eoiAnswers, insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, mintApiToken } from '../support/people.js';

// Faults as an operator meets them, on a Cymuned of its own (test/support/chaos-stack.ts): the worker, the
// API and the Temporal server killed with SIGKILL, PostgreSQL stopped as a crash would stop it, and bursts
// of concurrent commands to one case, during which these happen. After each, for every case, the database
// must hold exactly what the workflow's history holds (checkCase, which operators run as
// `npm run check:consistency`); every command answered 2xx is in both, once; every command refused is in
// neither; an answer of 503 is settled by a retry with the same Idempotency-Key; nothing answers another
// 5xx; every payment is instructed once; every message is sent once.

interface Answer {
  status: number;
  json?: Record<string, unknown>;
}

// Each fault takes a process down and brings it back (a worker bundles its workflows as it starts): minutes.
describe('faults', { timeout: 240_000 }, () => {
  let stack: ChaosStack;
  const tokens: Record<string, string> = {};
  let group: { id: string; name: string };
  /** Every answer the API gave, for the rule that no fault makes a 5xx other than 503. */
  const answers: { what: string; status: number }[] = [];

  beforeAll(async () => {
    stack = await startChaosStack();
    group = await createOrganisation(stack.prisma, { name: 'Ymddiriedolaeth Neuadd Llanddona' });
    const people: [string, Parameters<typeof createPerson>[1]][] = [
      ['lead', { grants: [{ role: 'applicant_lead', organisationId: group.id }] }],
      ['caseworker', { grants: [{ role: 'caseworker' }] }],
      ['financeApprover', { grants: [{ role: 'finance_approver' }] }],
      ['financeOfficer', { grants: [{ role: 'finance_officer' }] }],
    ];
    for (const [name, options] of people) tokens[name] = await mintApiToken(stack.prisma, (await createPerson(stack.prisma, options)).id);
    await stack.startWorker();
    await stack.startApi();
  }, 600_000);

  afterAll(() => stack?.stop(), 120_000);

  /** One request; a connection that fails (the API killed) answers status 0. */
  async function call(who: string, method: string, path: string, body?: unknown, key?: string): Promise<Answer> {
    try {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'accept-language': 'en',
          authorization: `Bearer ${tokens[who]}`,
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      const answer: Answer = { status: response.status, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined };
      answers.push({ what: `${method} ${path}`, status: answer.status });
      return answer;
    } catch {
      return { status: 0 };
    }
  }

  /** Sends a command with a key until it is settled (not 503, not unanswered, not held by its own earlier try). */
  async function settle(who: string, method: string, path: string, body: unknown, key = randomUUID(), first?: Answer): Promise<Answer> {
    let answer = first ?? (await call(who, method, path, body, key));
    const deadline = Date.now() + 120_000;
    while (answer.status === 0 || answer.status === 503 || (answer.status === 409 && String(answer.json?.detail).includes('still being handled'))) {
      if (Date.now() > deadline) throw new Error(`${method} ${path} not settled: ${answer.status} ${JSON.stringify(answer.json)}`);
      await sleep(500);
      answer = await call(who, method, path, body, key);
    }
    return answer;
  }

  /** A CFP application with its expression of interest sent: waiting for screening. */
  async function caseAtScreening(): Promise<string> {
    const started = await settle('lead', 'POST', '/api/applications', { projectTitle: `Neuadd ${randomUUID().slice(0, 6)}`, language: 'cy' });
    expect(started.status).toBe(201);
    const reference = String(started.json?.reference);
    expect((await settle('lead', 'PATCH', `/api/applications/${reference}/eoi`, { answers: eoiAnswers() })).status).toBe(200);
    expect((await settle('lead', 'POST', `/api/applications/${reference}/eoi/submission`, {})).status).toBe(200);
    return reference;
  }

  /** `count` notes sent at once, each with its own key; resolves with each note's text and first answer. */
  function burstOfNotes(reference: string, count: number) {
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const text = `Nodyn ${i} ${randomUUID().slice(0, 8)}`;
        const key = randomUUID();
        return { text, key, first: await call('caseworker', 'POST', `/api/applications/${reference}/notes`, { text }, key) };
      }),
    );
  }

  /**
   * Retries each note of a burst that was not settled, then checks that each note answered 200 was
   * recorded exactly once and each refused (409: the case closed meanwhile) not at all.
   */
  async function expectEachNoteOnce(reference: string, burst: Awaited<ReturnType<typeof burstOfNotes>>) {
    const settled = [];
    for (const note of burst)
      settled.push({ ...note, answer: await settle('caseworker', 'POST', `/api/applications/${reference}/notes`, { text: note.text }, note.key, note.first) });
    const recorded = await stack.prisma.caseEvent.findMany({ where: { reference, type: 'note.added' }, select: { payload: true } });
    const texts = recorded.map((event) => (event.payload as { text: string }).text);
    for (const { text, answer } of settled) {
      expect([200, 409], JSON.stringify(answer.json)).toContain(answer.status);
      expect(
        texts.filter((recordedText) => recordedText === text),
        `${text}: ${JSON.stringify(answer.json)}`,
      ).toHaveLength(answer.status === 200 ? 1 : 0);
    }
    return settled;
  }

  /** Waits until no case has an event write still running, then checks every case against its history. */
  async function expectEveryCaseConsistent(): Promise<CaseConsistency[]> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const results = await Promise.all(
        (await caseReferences(stack.prisma)).map((reference) => checkCase({ prisma: stack.prisma, temporal: stack.temporal, reference })),
      );
      const settled = results.every((result) => result.pendingWrites === 0);
      if (settled || Date.now() > deadline) {
        expect(results.filter((result) => result.pendingWrites > 0).map((result) => result.reference)).toEqual([]);
        expect(results.flatMap((result) => result.differences.map((difference) => `${result.reference} #${difference.sequence}: ${difference.what}`))).toEqual(
          [],
        );
        expect(results.some((result) => result.uncheckable)).toBe(false);
        return results;
      }
      await sleep(500);
    }
  }

  it('keeps every case as its history says through bursts of concurrent commands', async () => {
    const [first, second] = [await caseAtScreening(), await caseAtScreening()];
    // An invitation and a decline sent together with the notes: exactly one of the two decides the case.
    const [notesA, notesB, invite, decline] = await Promise.all([
      burstOfNotes(first, 40),
      burstOfNotes(second, 25),
      call('caseworker', 'POST', `/api/applications/${first}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' }),
      call('caseworker', 'POST', `/api/applications/${first}/screening`, { outcome: 'decline', reasons: 'Ddim yn gymwys' }),
    ]);
    expect([invite.status, decline.status].sort()).toEqual([200, 409]);
    const decided = invite.status === 200 ? 'eoi.invited' : 'eoi.declined';
    const refused = invite.status === 200 ? 'eoi.declined' : 'eoi.invited';
    expect(await stack.prisma.caseEvent.count({ where: { reference: first, type: decided } })).toBe(1);
    expect(await stack.prisma.caseEvent.count({ where: { reference: first, type: refused } })).toBe(0);
    await expectEachNoteOnce(first, notesA);
    await expectEachNoteOnce(second, notesB);
    await expectEveryCaseConsistent();
  });

  it('keeps every case as its history says when the worker is killed mid-burst', async () => {
    const [first, second] = [await caseAtScreening(), await caseAtScreening()];
    const bursts = Promise.all([burstOfNotes(first, 25), burstOfNotes(second, 25)]);
    await sleep(300);
    await stack.killWorker();
    await sleep(1000);
    await stack.startWorker();
    const [notesA, notesB] = await bursts;
    await expectEachNoteOnce(first, notesA);
    await expectEachNoteOnce(second, notesB);
    await expectEveryCaseConsistent();
  });

  it('keeps every case as its history says when the Temporal server is killed mid-burst, and answers 503 meanwhile', async () => {
    const [first, second] = [await caseAtScreening(), await caseAtScreening()];
    const bursts = Promise.all([burstOfNotes(first, 25), burstOfNotes(second, 25)]);
    await sleep(300);
    await stack.killTemporal();
    const during = await call('caseworker', 'POST', `/api/applications/${first}/notes`, { text: 'Yn ystod y toriad' }, randomUUID());
    expect(during.status).toBe(503);
    await sleep(2000);
    await stack.startTemporal();
    const [notesA, notesB] = await bursts;
    await expectEachNoteOnce(first, notesA);
    await expectEachNoteOnce(second, notesB);
    await expectEveryCaseConsistent();
  });

  it('keeps every case as its history says when PostgreSQL stops as in a crash mid-burst, and answers 503 meanwhile', async () => {
    const [first, second] = [await caseAtScreening(), await caseAtScreening()];
    const bursts = Promise.all([burstOfNotes(first, 25), burstOfNotes(second, 25)]);
    await sleep(300);
    await stack.crashPostgres();
    const during = await call('caseworker', 'GET', `/api/applications/${first}`);
    expect(during.status).toBe(503);
    await sleep(2000);
    await stack.startPostgres();
    const [notesA, notesB] = await bursts;
    await expectEachNoteOnce(first, notesA);
    await expectEachNoteOnce(second, notesB);
    await expectEveryCaseConsistent();
  });

  it('settles every command whose answer the killed API never gave, by a retry with the same key', async () => {
    const [first, second] = [await caseAtScreening(), await caseAtScreening()];
    const bursts = Promise.all([burstOfNotes(first, 25), burstOfNotes(second, 25)]);
    await sleep(200);
    await stack.killApi();
    await stack.startApi();
    const [notesA, notesB] = await bursts;
    await expectEachNoteOnce(first, notesA);
    await expectEachNoteOnce(second, notesB);
    await expectEveryCaseConsistent();
  });

  it('instructs each payment once through a killed worker and a crashed PostgreSQL, and pays each instruction in one run', async () => {
    const claims: { reference: string; approve: Promise<Answer> }[] = [];
    const references: string[] = [];
    await stack.prisma.bankAccount.create({
      data: {
        organisationId: group.id,
        accountName: 'NEUADD LLANDDONA',
        sortCode: '309634',
        accountNumber: '12345678',
        verifiedAt: new Date(),
        verificationMethod: 'call_back_known_contact',
        verificationNote: 'Prawf',
      },
    });
    for (let i = 0; i < 4; i++) {
      const reference = `CFP-2026-${String(880_000 + Math.floor(Math.random() * 99_000)).padStart(6, '0')}`;
      await insertApplication(stack.prisma, { reference, organisation: group, status: 'accepted' });
      await stack.prisma.award.create({
        data: {
          applicationReference: reference,
          organisationId: group.id,
          amountPence: 1_000_000n,
          conditions: [],
          policyVersion: 'CFP-2024',
          decidedAt: new Date(),
          acceptedAt: new Date(),
          financialYear: 2026,
        },
      });
      await appendLedgerEntries(stack.prisma, [
        {
          entryKey: `commitment:${reference}`,
          awardReference: reference,
          programme: 'CFP',
          financialYear: 2026,
          kind: 'commitment',
          amountPence: 1_000_000n,
          occurredAt: new Date(),
        },
      ]);
      const line = {
        description: 'Llechi to',
        supplier: 'Toi Cymru Cyf',
        invoiceNumber: `INV-${i}`,
        invoiceDate: '2026-10-01',
        amountPence: 200_000,
        evidenceFileIds: [],
      };
      expect((await settle('lead', 'POST', `/api/awards/${reference}/claims`, { kind: 'stage', lines: [line] })).status).toBe(202);
      await waitFor(async () => (await stack.prisma.claim.count({ where: { awardReference: reference } })) === 1);
      expect(
        (
          await settle('caseworker', 'POST', `/api/awards/${reference}/claims/1/verification`, {
            findings: [{ lineNumber: 1, decision: 'approve', approvedPence: 200_000 }],
          })
        ).status,
      ).toBe(200);
      references.push(reference);
    }
    // Payment approvals, with keys, while the worker dies.
    for (const reference of references) {
      const key = randomUUID();
      claims.push({
        reference,
        approve: call('financeApprover', 'POST', `/api/awards/${reference}/claims/1/payment-approval`, {}, key).then((first) =>
          settle('financeApprover', 'POST', `/api/awards/${reference}/claims/1/payment-approval`, {}, key, first),
        ),
      });
    }
    await sleep(200);
    await stack.killWorker();
    await stack.startWorker();
    for (const claim of claims) expect((await claim.approve).status).toBe(200);
    await waitFor(async () => (await stack.prisma.paymentInstruction.count({ where: { awardReference: { in: references } } })) >= references.length);

    // Two payment runs at once while PostgreSQL crashes under them; each settled by its own key.
    const runs = [randomUUID(), randomUUID()].map(async (key) => {
      const first = await call('financeOfficer', 'POST', '/api/finance/payment-runs', {}, key);
      return settle('financeOfficer', 'POST', '/api/finance/payment-runs', {}, key, first);
    });
    await sleep(50);
    await stack.crashPostgres();
    await sleep(1500);
    await stack.startPostgres();
    const made = await Promise.all(runs);
    for (const run of made) expect([201, 409], JSON.stringify(run.json)).toContain(run.status);

    const instructions = await stack.prisma.paymentInstruction.findMany({ where: { awardReference: { in: references } } });
    expect(instructions.map((instruction) => instruction.awardReference).sort()).toEqual([...references].sort());
    // Every instruction was taken by a run (one run per instruction by its key), none left behind.
    expect(instructions.filter((instruction) => instruction.paymentRunId === null || instruction.status !== 'in_run')).toEqual([]);
    const ledger = await stack.prisma.ledgerEntry.groupBy({ by: ['entryKey'], where: { awardReference: { in: references } }, _count: true });
    expect(ledger.filter((entry) => entry._count !== 1)).toEqual([]);
    await expectEveryCaseConsistent();
  });

  it('stops the worker within SHUTDOWN_GRACE_SECONDS while an event write is stuck, and writes it after', async () => {
    const reference = await caseAtScreening();
    await expectEveryCaseConsistent();
    // Another session holds the events table: the next event write waits on it as on a stuck database.
    await stack.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE case_event IN ACCESS EXCLUSIVE MODE`;
        const pending = call('caseworker', 'POST', `/api/applications/${reference}/notes`, { text: 'Yn sownd' }, randomUUID());
        await sleep(1500);
        const took = await stack.stopWorker();
        expect(took).toBeLessThan((stack.graceSeconds + 1) * 1000);
        expect((await pending).status).toBe(503);
      },
      { timeout: 60_000 },
    );
    await stack.startWorker();
    await waitFor(async () => (await stack.prisma.caseEvent.count({ where: { reference, type: 'note.added' } })) === 1);
    await expectEveryCaseConsistent();
  });

  it('sent every message once, and no fault answered a 5xx other than 503', async () => {
    await waitFor(async () => (await stack.prisma.notification.count({ where: { sentAt: null, failedAt: null } })) === 0);
    const sent = await stack.prisma.notification.findMany({ select: { id: true } });
    const files = await stack.mail();
    expect(files).toHaveLength(sent.length);
    expect(answers.filter((answer) => answer.status >= 500 && answer.status !== 503)).toEqual([]);
  });

  async function waitFor(probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe().catch(() => false))) {
      if (Date.now() > deadline) throw new Error('not within the time allowed');
      await sleep(250);
    }
  }
});
