import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Worker } from '@temporalio/worker';
import { Context } from '@temporalio/activity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/actor.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import { AppError } from '../../src/domain/app-error.js';
import { createPaymentRun } from '../../src/operations/payments/create-payment-run.js';
import { appendLedgerEntries, awardBalances } from '../../src/finance/ledger.js';
import { REFUSED_FORBIDDEN, type CommandActor } from '../../src/workflows/case/case.messages.js';
import * as c from '../../src/workflows/claim.messages.js';
import { actor, insertApplication, now } from '../support/cfp.js';
import { useMigratedDatabase } from '../support/database.js';
import { recordHistory } from '../support/histories.js';
import { createOrganisation, createPerson } from '../support/people.js';
import { connectTemporal, type TemporalTestContext } from '../support/temporal.js';

// Claims against an award, on the real dev server and PostgreSQL: verification, separation of duties,
// retention, and exactly one payment per claim however the worker fails.

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

describe('claim workflow', () => {
  let temporal: TemporalTestContext;
  let worker: Worker;
  let running: Promise<void>;
  const people: Record<string, CommandActor> = {};
  let groupId: string;
  let awards = 0;

  beforeAll(async () => {
    temporal = await connectTemporal();
    worker = await temporal.createWorker(prisma);
    running = worker.run();
    const group = await createOrganisation(prisma);
    groupId = group.id;
    const make = async (name: string, role: CommandActor['role'], organisationId: string | null = null) => {
      people[name] = actor((await createPerson(prisma, { grants: [{ role, organisationId }] })).id, role, organisationId);
    };
    await make('lead', 'applicant_lead', group.id);
    await make('caseworker', 'caseworker');
    await make('financeApprover', 'finance_approver');
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await temporal?.teardown();
  });

  const who = (name: string): CommandActor => {
    const found = people[name];
    if (!found) throw new Error(`no ${name}`);
    return found;
  };

  /** An accepted, committed award of `amountPence`. */
  async function award(amountPence: number): Promise<string> {
    const reference = `CFP-2026-${String(700_000 + ++awards + Math.floor(Math.random() * 90_000)).padStart(6, '0')}`;
    await insertApplication(prisma, { reference, organisation: { id: groupId, name: 'Grŵp' }, status: 'accepted' });
    await prisma.award.create({
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
    await appendLedgerEntries(prisma, [
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

  const line = (amountPence: number): c.ClaimLine => ({
    description: 'Llechi to',
    supplier: 'Toi Cymru Cyf',
    invoiceNumber: `INV-${amountPence}`,
    invoiceDate: '2026-10-01',
    amountPence,
    evidenceFileIds: [],
  });

  function submit(awardReference: string, number: number, kind: 'stage' | 'final', lines: c.ClaimLine[]): Promise<WorkflowHandle> {
    const claimId = `${awardReference}/C${number}`;
    return temporal.client.workflow.start(c.CLAIM_WORKFLOW, {
      workflowId: claimId,
      taskQueue: temporal.taskQueue,
      // A workflow task held by a worker that is stopped is given to another after this long (default 10 s).
      workflowTaskTimeout: '2 seconds',
      args: [
        {
          claimId,
          awardReference,
          organisationId: groupId,
          programme: 'CFP',
          financialYear: 2026,
          number,
          kind,
          lines,
          retentionPercent: 10,
          monitoring: {
            version: 'CFP-2024',
            awards: { monitoring: { period: '1 hour', returnInterval: '1 hour', reminderBefore: '10 minutes', escalateAfter: '10 minutes' } },
          },
          submittedBy: who('lead'),
          at: now(),
        } satisfies c.ClaimStart,
      ],
    });
  }

  const approveAll = (lines: c.ClaimLine[]): c.LineFinding[] =>
    lines.map((l, i) => ({ lineNumber: i + 1, decision: 'approve', approvedPence: l.amountPence, note: null }));

  async function pay(handle: WorkflowHandle, findings: c.LineFinding[], approver = who('financeApprover')) {
    await handle.executeUpdate(c.verifyClaim, { args: [{ actor: who('caseworker'), at: now(), findings }] });
    await handle.executeUpdate(c.approvePayment, { args: [{ actor: approver, at: now() }] });
    return (await handle.result()) as c.ClaimState;
  }

  it('pays a part-approved stage claim less retention, then releases the retention with the final claim', async () => {
    const reference = await award(1_000_000);
    const stageLines = [line(400_000), line(100_000)];
    const stage = await submit(reference, 1, 'stage', stageLines);
    const paid = await pay(stage, [
      { lineNumber: 1, decision: 'approve', approvedPence: 400_000, note: null },
      { lineNumber: 2, decision: 'part', approvedPence: 60_000, note: 'Dim ond rhan sy’n gymwys' },
    ]);
    expect(paid).toMatchObject({ status: 'payment_instructed', approvedPence: 460_000, retentionPence: 46_000, paymentInstructionId: `PAY-${reference}/C1` });
    expect(await prisma.paymentInstruction.findUniqueOrThrow({ where: { id: `PAY-${reference}/C1` } })).toMatchObject({
      amountPence: 414_000n,
      status: 'instructed',
    });
    await recordHistory('claim-stage-paid', stage);

    const final = await submit(reference, 2, 'final', [line(500_000)]);
    await pay(final, approveAll([line(500_000)]));
    // The final claim holds nothing back and releases what the stage claim held.
    expect((await prisma.paymentInstruction.findUniqueOrThrow({ where: { id: `PAY-${reference}/C2` } })).amountPence).toBe(546_000n);
    expect(await awardBalances(prisma, reference)).toMatchObject({
      claimsApproved: 960_000n,
      retentionHeld: 46_000n,
      retentionReleased: 46_000n,
      paymentsInstructed: 960_000n,
      remaining: 40_000n,
    });
    expect((await prisma.award.findUniqueOrThrow({ where: { applicationReference: reference } })).completedAt).not.toBeNull();
    // Completion starts the award's monitoring, which outlives the claim.
    const monitoring = temporal.client.workflow.getHandle(`${reference}/monitoring`);
    expect((await monitoring.describe()).status.name).toBe('RUNNING');
    await monitoring.terminate('end of test');
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: `${reference}/C2` } })).toMatchObject({ status: 'payment_instructed', lastSequence: 4 });
  });

  it('refuses payment approval from the person who verified the claim', async () => {
    const reference = await award(1_000_000);
    const both = await createPerson(prisma, { grants: [{ role: 'caseworker' }, { role: 'finance_approver' }] });
    const handle = await submit(reference, 1, 'stage', [line(100_000)]);
    await handle.executeUpdate(c.verifyClaim, { args: [{ actor: actor(both.id, 'caseworker'), at: now(), findings: approveAll([line(100_000)]) }] });
    const error = await handle.executeUpdate(c.approvePayment, { args: [{ actor: actor(both.id, 'finance_approver'), at: now() }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
    expect(cause).toMatchObject({ type: REFUSED_FORBIDDEN, message: 'You cannot approve payment of a claim you verified' });
    expect(await prisma.paymentInstruction.count({ where: { claimId: `${reference}/C1` } })).toBe(0);
    await handle.executeUpdate(c.rejectClaim, { args: [{ actor: who('caseworker'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('asks for more evidence on a line and goes on when the group sends it', async () => {
    const reference = await award(1_000_000);
    const handle = await submit(reference, 1, 'stage', [line(100_000), line(50_000)]);
    await handle.executeUpdate(c.requestEvidence, { args: [{ actor: who('caseworker'), at: now(), lineNumbers: [2], message: 'Anfonwch yr anfoneb' }] });
    await expect(
      handle.executeUpdate(c.verifyClaim, { args: [{ actor: who('caseworker'), at: now(), findings: approveAll([line(100_000), line(50_000)]) }] }),
    ).rejects.toThrow();
    await handle.executeUpdate(c.provideEvidence, {
      args: [{ actor: who('lead'), at: now(), lineNumber: 2, evidenceFileIds: ['6d1c3f4e-0000-4000-8000-0000000000ee'] }],
    });
    const paid = await pay(handle, [
      { lineNumber: 1, decision: 'approve', approvedPence: 100_000, note: null },
      { lineNumber: 2, decision: 'reject', approvedPence: 0, note: 'Nid yw’n gymwys' },
    ]);
    expect(paid.approvedPence).toBe(100_000);
    expect(paid.lines[1]?.evidenceFileIds).toEqual(['6d1c3f4e-0000-4000-8000-0000000000ee']);
  });

  it('loses no payment and doubles none when workers restart at random during payment runs and the payment step fails after it committed', async () => {
    // Each claim's first payment attempt does its work and then fails, as a worker dying after the
    // database commit but before telling Temporal would: Temporal runs it again.
    const failedOnce = new Set<string>();
    const failAfterPayment: ActivityInterceptorsFactory = () => {
      const inbound: ActivityInboundCallsInterceptor = {
        async execute(input, next) {
          const result: unknown = await next(input);
          const { activityType, workflowExecution } = Context.current().info;
          const claimId = workflowExecution?.workflowId ?? '';
          if (activityType === 'instructPayment' && !failedOnce.has(claimId)) {
            failedOnce.add(claimId);
            throw new Error('injected: the worker died after the payment was committed');
          }
          return result;
        },
      };
      return { inbound };
    };
    const restartWorker = async () => {
      worker.shutdown();
      await running;
      worker = await temporal.createWorker(prisma, { activityInterceptors: [failAfterPayment], stickyQueueTimeout: '1 second' });
      running = worker.run();
    };
    await restartWorker();

    const claims: { handle: WorkflowHandle; reference: string; pence: number }[] = [];
    for (let i = 0; i < 8; i += 1) {
      const reference = await award(1_000_000);
      for (const number of [1, 2]) {
        const pence = 100_000 + i * 1_000 + number;
        claims.push({ handle: await submit(reference, number, 'stage', [line(pence)]), reference, pence });
      }
    }
    for (const { handle, pence } of claims)
      await handle.executeUpdate(c.verifyClaim, { args: [{ actor: who('caseworker'), at: now(), findings: approveAll([line(pence)]) }] });

    // Approve every claim at once while the worker is restarted at random moments, and finance makes
    // payment runs of whatever has been instructed so far.
    // Verified by finance, as a group's bank details must be before anything is paid into them.
    await prisma.bankAccount.create({
      data: {
        organisationId: groupId,
        accountName: 'Grwp Cymunedol',
        sortCode: '309634',
        accountNumber: '12345678',
        verifiedAt: new Date(),
        verifiedById: who('financeApprover').personId,
        verificationMethod: 'call_back_known_contact',
        verificationNote: 'Prawf',
      },
    });
    const financeOfficer: Actor = {
      personId: who('financeApprover').personId,
      name: 'Cyllid',
      email: 'cyllid@example.cymru',
      language: 'cy',
      grants: [{ role: 'finance_officer', organisationId: null, programme: null, delegatedLimitPence: null }],
    };
    const paymentRun = () =>
      createPaymentRun({ prisma, temporal: temporal.client, taskQueue: temporal.taskQueue, actor: financeOfficer, now: new Date() }).then(
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof AppError && error.code === 'conflict')) throw error;
        },
      );
    const approvals = Promise.all(claims.map(({ handle }) => handle.executeUpdate(c.approvePayment, { args: [{ actor: who('financeApprover'), at: now() }] })));
    const runs: Promise<void>[] = [];
    for (let restart = 0; restart < 3; restart += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 400));
      runs.push(paymentRun());
      await restartWorker();
    }
    await approvals;
    // A restart can cost the cases caught in it some seconds (tasks held by the stopped worker are handed on
    // after timeouts), so this test takes from a few seconds to about a minute.
    const results = (await Promise.all(claims.map(({ handle }) => handle.result()))) as c.ClaimState[];
    await Promise.all(runs);
    await paymentRun();

    expect(results.every((r) => r.status === 'payment_instructed')).toBe(true);
    expect(failedOnce.size).toBe(claims.length);
    const references = [...new Set(claims.map((claim) => claim.reference))];
    const instructions = await prisma.paymentInstruction.findMany({ where: { awardReference: { in: references } } });
    expect(instructions).toHaveLength(claims.length);
    const payments = await prisma.ledgerEntry.findMany({ where: { awardReference: { in: references }, kind: 'payment_instructed' } });
    expect(payments).toHaveLength(claims.length);
    // One instruction per claim, for what it should pay.
    for (const { handle, pence } of claims) {
      const mine = instructions.filter((instruction) => instruction.claimId === handle.workflowId);
      expect(mine.map((instruction) => instruction.amountPence)).toEqual([BigInt(pence - Math.floor(pence / 10))]);
    }
    // Every instruction went into exactly one payment run, and onto exactly one line of one bank file.
    const paidInRuns = await prisma.paymentInstruction.findMany({ where: { awardReference: { in: references } } });
    expect(paidInRuns.every((instruction) => instruction.status === 'in_run' && instruction.paymentRunId !== null)).toBe(true);
    const bankFiles = await prisma.paymentRun.findMany({ where: { id: { in: [...new Set(paidInRuns.map((i) => i.paymentRunId ?? ''))] } } });
    // The layout's last column is the reference (the payee's name here has no comma to quote).
    // (The runs also paid the earlier tests' claims: only these awards' lines are counted.)
    const ours = new Set(paidInRuns.map((i) => i.bankReference));
    const lines = bankFiles.flatMap((run) => run.bankFileCsv.trim().split(/\r?\n/).slice(1)).map((line) => line.split(',').at(-1) ?? '');
    expect(lines.filter((reference) => ours.has(reference)).sort()).toEqual([...ours].sort());
    for (const reference of references) {
      const expected = claims.filter((claim) => claim.reference === reference).reduce((sum, claim) => sum + claim.pence - Math.floor(claim.pence / 10), 0);
      expect((await awardBalances(prisma, reference)).paymentsInstructed).toBe(BigInt(expected));
    }
  }, 240_000);
});
