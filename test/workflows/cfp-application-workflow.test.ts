import { defaultPayloadConverter } from '@temporalio/common';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { formatCaseReference } from '../../src/domain/case-reference.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import * as m from '../../src/workflows/cfp-application.messages.js';
import { actor, area, eoiAnswers, fullApplicationAnswers, now, scores, testPolicy } from '../support/cfp.js';
import { useMigratedDatabase } from '../support/database.js';
import { eventually } from '../support/http.js';
import { recordHistory } from '../support/histories.js';
import { createOrganisation, createPerson } from '../support/people.js';
import { connectTemporal, untilWritten, writingHandle, type TemporalTestContext } from '../support/temporal.js';
import type { PrismaClient } from '../../src/db/prisma.js';

// The CFP application workflow against the real dev server and PostgreSQL, with policy durations of
// seconds where a test waits for a timer.

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

describe('CFP application workflow', () => {
  let temporal: TemporalTestContext;
  let worker: Worker;
  let running: Promise<void>;
  let counter = 0;
  const people: Record<string, m.CommandActor> = {};
  let group: { id: string; name: string };

  beforeAll(async () => {
    temporal = await connectTemporal();
    worker = await temporal.createWorker(prisma);
    running = worker.run();
    group = await createOrganisation(prisma, { name: 'Neuadd Bentref Aberffraw' });
    const manager = await createPerson(prisma, { grants: [{ role: 'caseworker' }] });
    const make = async (name: string, role: m.CommandActor['role'], organisationId: string | null = null, limit: number | null = null, managerId?: string) => {
      const person = await createPerson(prisma, { grants: [{ role, organisationId, delegatedLimitPence: limit === null ? null : BigInt(limit) }] });
      if (managerId) await prisma.person.update({ where: { id: person.id }, data: { managerId } });
      people[name] = actor(person.id, role, organisationId, limit);
    };
    await make('lead', 'applicant_lead', group.id);
    await make('member', 'applicant_member', group.id);
    await make('caseworker', 'caseworker', null, null, manager.id);
    people.manager = actor(manager.id, 'caseworker');
    await make('assessorA', 'assessor');
    await make('assessorB', 'assessor');
    await make('approver', 'approver', null, 2_500_000);
    await make('approver2', 'approver', null, 2_500_000);
    await make('panel', 'panel_member');
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await temporal?.teardown();
  });

  const who = (name: string): m.CommandActor => {
    const found = people[name];
    if (!found) throw new Error(`no ${name}`);
    return found;
  };

  async function startCase(policy: CfpPolicy): Promise<WorkflowHandle> {
    const reference = formatCaseReference('CFP', 2026, 900_000 + ++counter + Math.floor(Math.random() * 90_000));
    return writingHandle(
      prisma,
      await temporal.client.workflow.start(m.CFP_APPLICATION_WORKFLOW, {
        workflowId: reference,
        taskQueue: temporal.taskQueue,
        args: [
          {
            reference,
            policy,
            organisation: group,
            language: 'cy',
            projectTitle: 'To newydd i’r neuadd',
            createdBy: who('lead'),
            at: now(),
          } satisfies m.CfpApplicationStart,
        ],
      }),
    );
  }

  async function toScreening(handle: WorkflowHandle) {
    await handle.executeUpdate(m.saveEoi, { args: [{ actor: who('member'), at: now(), answers: eoiAnswers(), area }] });
    return handle.executeUpdate(m.submitEoi, {
      args: [{ actor: who('lead'), at: now(), legalForm: 'charitable_incorporated_organisation', recentAwards: { count: 0, totalPence: 0 } }],
    });
  }

  async function toAssessment(handle: WorkflowHandle) {
    await toScreening(handle);
    await handle.executeUpdate(m.screenEoi, { args: [{ actor: who('caseworker'), at: now(), outcome: 'invite', reasons: 'Yn gymwys' }] });
    await handle.executeUpdate(m.saveFullApplication, { args: [{ actor: who('member'), at: now(), answers: fullApplicationAnswers() }] });
    return handle.executeUpdate(m.submitFullApplication, { args: [{ actor: who('lead'), at: now() }] });
  }

  async function toDecision(handle: WorkflowHandle, policy: CfpPolicy) {
    await toAssessment(handle);
    for (const assessor of ['assessorA', 'assessorB']) {
      await handle.executeUpdate(m.declareConflict, { args: [{ actor: who(assessor), at: now(), conflict: false, details: null }] });
      await handle.executeUpdate(m.scoreApplication, { args: [{ actor: who(assessor), at: now(), scores: scores(policy, 4) }] });
    }
    return handle.executeUpdate(m.recommend, {
      args: [{ actor: who('caseworker'), at: now(), recommendation: 'approve', amountPence: 2_000_000, reasons: 'Prosiect cryf' }],
    });
  }

  const approve = (name: string, amountPence = 1_800_000): m.Decide => ({
    actor: who(name),
    at: now(),
    outcome: 'approve',
    amountPence,
    conditions: [{ cy: 'Rhaid cael caniatâd cynllunio', en: 'Planning permission must be obtained' }],
    reasons: 'Yn cyflawni amcanion y rhaglen',
  });

  /** The failure a refused update carries: its type and its bilingual reason. */
  async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; en: string }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: { en: string }[] };
    return { type: cause.type, en: cause.details?.[0]?.en ?? '' };
  }

  /** A refusal's reason in both languages. */
  async function reasons(promise: Promise<unknown>): Promise<{ cy: string; en: string } | undefined> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    return ((error as WorkflowUpdateFailedError | undefined)?.cause as { details?: { cy: string; en: string }[] } | undefined)?.details?.[0];
  }

  const events = (reference: string) => prisma.caseEvent.findMany({ where: { reference }, orderBy: { sequence: 'asc' } });

  it('carries an application from its first draft to an accepted offer, recording every step', async () => {
    const policy = await testPolicy();
    const handle = await startCase(policy);
    await toDecision(handle, policy);
    const state = await handle.query(m.applicationState);
    expect(state.screening).toMatchObject({ automatic: { eligible: true }, outcome: 'invite' });
    expect(state.tier).toBe('small');
    expect((await handle.query(m.applicationState)).score).toEqual({ total: 80, priority: 80 });
    const decided = await handle.executeUpdate(m.decide, { args: [approve('approver')] });
    expect(decided.status).toBe('offered');
    const accepted = await handle.executeUpdate(m.acceptOffer, { args: [{ actor: who('lead'), at: now(), declaration: true, signatoryName: 'Gwen Jones' }] });
    expect(accepted.status).toBe('accepted');
    const final = await handle.result();
    expect(final.status).toBe('accepted');

    const reference = handle.workflowId;
    const row = await prisma.application.findUniqueOrThrow({ where: { reference } });
    expect(row).toMatchObject({
      status: 'accepted',
      stage: 'closed',
      awardedPence: 1_800_000n,
      tier: 'small',
      wimdDecile: 5,
      caseOfficerId: who('caseworker').personId,
      policyVersion: policy.version,
    });
    const award = await prisma.award.findUniqueOrThrow({ where: { applicationReference: reference } });
    expect(award.amountPence).toBe(1_800_000n);
    expect((award.conditions as unknown[]).length).toBe(policy.standardConditions.length + 1);

    const recorded = await events(reference);
    expect(recorded.map((e) => e.sequence)).toEqual(recorded.map((_, i) => i + 1));
    expect(recorded.map((e) => e.type)).toEqual([
      'application.started',
      'eoi.saved',
      'eoi.submitted',
      'eoi.invited',
      'full_application.saved',
      'full_application.submitted',
      'assessment.conflict_declared',
      'assessment.scored',
      'assessment.conflict_declared',
      'assessment.scored',
      'assessment.completed',
      'recommendation.made',
      'decision.approved',
      'offer.made',
      'offer.accepted',
    ]);
    // Each event keeps the status it left the case in.
    expect(recorded.find((e) => e.type === 'eoi.invited')?.status).toBe('invited');
    expect(recorded.at(-1)?.status).toBe('accepted');
    // One audit record per event, on an intact chain.
    expect(await prisma.auditRecord.count({ where: { stream: reference } })).toBe(recorded.length);
    expect((await verifyAuditChain(prisma, { stream: reference })).ok).toBe(true);
    // The group's members heard about the offer in their own language, and the messages were sent.
    const offerMail = await prisma.notification.findMany({ where: { reference, sequence: recorded.find((e) => e.type === 'offer.made')?.sequence } });
    expect(offerMail.map((n) => n.personId).sort()).toEqual([who('lead').personId, who('member').personId].sort());
    expect(offerMail.every((n) => n.sentAt !== null)).toBe(true);
    await recordHistory('cfp-accepted-offer', handle);
  });

  it('writes the events one workflow task makes together in one activity the history holds first: a case started with its first answers in one write', async () => {
    const policy = await testPolicy();
    const reference = formatCaseReference('CFP', 2026, 990_000 + ++counter);
    const start = {
      reference,
      policy,
      organisation: group,
      language: 'cy',
      projectTitle: 'To newydd i’r neuadd',
      createdBy: who('lead'),
      at: now(),
    } satisfies m.CfpApplicationStart;
    const startWorkflowOperation = new WithStartWorkflowOperation(m.CFP_APPLICATION_WORKFLOW, {
      workflowId: reference,
      taskQueue: temporal.taskQueue,
      args: [start],
      workflowIdConflictPolicy: 'FAIL',
    });
    // As the API opens a case: the start and the first save in one call, answered once both are written.
    await untilWritten(
      prisma,
      await temporal.client.workflow.executeUpdateWithStart(m.saveEoi, {
        args: [{ actor: who('lead'), at: now(), answers: eoiAnswers(), area }],
        startWorkflowOperation,
      }),
    );
    expect((await events(reference)).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'application.started'],
      [2, 'eoi.saved'],
    ]);
    const handle = await startWorkflowOperation.workflowHandle();
    const history = (await handle.fetchHistory()).events ?? [];
    // A scheduled activity, never a local one: its input is in the history before anything is written.
    expect(history.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(0);
    const writes = history.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordCaseEvents');
    expect(writes).toHaveLength(1);
    const [written] = writes.map((e) =>
      defaultPayloadConverter.fromPayload<m.CaseEventRecord[]>(e.activityTaskScheduledEventAttributes?.input?.payloads?.[0] ?? {}),
    );
    expect(written?.map((event) => [event.sequence, event.type])).toEqual([
      [1, 'application.started'],
      [2, 'eoi.saved'],
    ]);
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
    expect((await handle.result()).status).toBe('withdrawn');
  });

  it('closes when the caseworker declines the expression of interest, with the reasons', async () => {
    const policy = await testPolicy();
    const handle = await startCase(policy);
    await toScreening(handle);
    await handle.executeUpdate(m.screenEoi, {
      args: [{ actor: who('caseworker'), at: now(), outcome: 'decline', reasons: 'Nid yw’r cyfleuster yng Nghymru' }],
    });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'eoi_declined', closingReason: 'Nid yw’r cyfleuster yng Nghymru', applicantAction: null });
    const row = await prisma.application.findUniqueOrThrow({ where: { reference: handle.workflowId } });
    expect(row.status).toBe('eoi_declined');
    await recordHistory('cfp-eoi-declined', handle);
  });

  it('lets the offer lapse by a durable timer when nobody accepts it', async () => {
    const policy = await testPolicy({ offerAcceptanceWindow: '3 seconds' });
    const handle = await startCase(policy);
    await toDecision(handle, policy);
    await handle.executeUpdate(m.decide, { args: [approve('approver')] });
    const final = await handle.result();
    expect(final.status).toBe('offer_lapsed');
    expect(await prisma.award.count({ where: { applicationReference: handle.workflowId } })).toBe(0);
    expect((await events(handle.workflowId)).at(-1)?.type).toBe('offer.lapsed');
    // Too late to accept now.
    await expect(
      handle.executeUpdate(m.acceptOffer, { args: [{ actor: who('lead'), at: now(), declaration: true, signatoryName: 'Gwen' }] }),
    ).rejects.toThrow();
    await recordHistory('cfp-offer-lapsed', handle);
  });

  it('stops the service-level clock while the group answers a request for information, and reopens only what was asked', async () => {
    const policy = await testPolicy({ serviceLevels: { eoi_screening: '1 hour', assessment: '4 seconds', recommendation: '1 hour', decision: '1 hour' } });
    const handle = await startCase(policy);
    await toAssessment(handle);
    const running = await handle.query(m.applicationState);
    expect(running.clock?.stage).toBe('assessment');

    await handle.executeUpdate(m.requestInformation, {
      args: [
        {
          actor: who('caseworker'),
          at: now(),
          fields: ['deliveryPlan', 'sustainability'],
          message: 'Pryd fydd y gwaith yn dechrau, a phwy fydd yn talu wedyn?',
        },
      ],
    });
    const paused = await handle.query(m.applicationState);
    expect(paused.clock?.dueAt).toBeNull();
    expect(paused.clock?.pausedRemainingMs).toBeGreaterThan(0);
    expect(paused.applicantAction?.action).toBe('answer_information_request');
    expect((await prisma.application.findUniqueOrThrow({ where: { reference: handle.workflowId } })).clockPaused).toBe(true);

    // An answer that touches a question nobody reopened is refused.
    const wrongField = await reasons(
      handle.executeUpdate(m.respondToInformation, { args: [{ actor: who('member'), at: now(), answers: { communityNeed: 'Newid' }, message: null }] }),
    );
    // Named as the form names it, in each language (src/domain/labels.ts), never as the code does.
    expect(wrongField).toMatchObject({ en: expect.stringContaining('community need'), cy: expect.stringContaining('angen y gymuned') });

    // Longer than the stage's whole allowance passes while paused: no breach.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect((await handle.query(m.applicationState)).clock?.breached).toBe(false);

    // One of the two answers: the request stays open and the clock stays stopped.
    await handle.executeUpdate(m.respondToInformation, {
      args: [{ actor: who('member'), at: now(), answers: { deliveryPlan: 'Dechrau ym mis Mai' }, message: 'Dyma’r dyddiad' }],
    });
    const partly = await handle.query(m.applicationState);
    expect(partly.informationRequest).toMatchObject({ answered: ['deliveryPlan'] });
    expect(partly.clock?.dueAt).toBeNull();
    await handle.executeUpdate(m.respondToInformation, {
      args: [{ actor: who('lead'), at: now(), answers: { sustainability: 'Y paneli solar' }, message: null }],
    });
    const resumed = await handle.query(m.applicationState);
    expect(resumed.informationRequest).toBeNull();
    expect(resumed.fullApplication.deliveryPlan).toBe('Dechrau ym mis Mai');
    expect(resumed.clock?.dueAt).not.toBeNull();
    expect(resumed.clock?.pausedRemainingMs).toBeNull();

    // Once resumed, the rest of the allowance runs out and the case officer's manager is told.
    const breach = await eventually(async () => (await events(handle.workflowId)).find((e) => e.type === 'service_level.breached'));
    const escalations = await prisma.notification.findMany({ where: { reference: handle.workflowId, sequence: breach.sequence } });
    expect(escalations.map((n) => n.personId).sort()).toEqual([who('caseworker').personId, who('manager').personId].sort());
    await recordHistory('cfp-information-request', handle);
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('ends on withdrawal by the group, cancelling its timers', async () => {
    const policy = await testPolicy({ fullApplicationWindow: '4 seconds', fullApplicationReminders: ['2 seconds'] });
    const handle = await startCase(policy);
    await toScreening(handle);
    await handle.executeUpdate(m.screenEoi, { args: [{ actor: who('caseworker'), at: now(), outcome: 'invite', reasons: 'Yn gymwys' }] });
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('member'), at: now(), reason: 'Mae’r neuadd wedi ei gwerthu' }] });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'withdrawn', closingReason: 'Mae’r neuadd wedi ei gwerthu' });
    expect((await events(handle.workflowId)).map((e) => e.type)).not.toContain('full_application.expired');
    await recordHistory('cfp-withdrawn', handle);
  });

  it('reminds the group before the full application is due, and closes the case when the deadline passes', async () => {
    const policy = await testPolicy({ fullApplicationWindow: '4 seconds', fullApplicationReminders: ['2 seconds'] });
    const handle = await startCase(policy);
    await toScreening(handle);
    await handle.executeUpdate(m.screenEoi, { args: [{ actor: who('caseworker'), at: now(), outcome: 'invite', reasons: 'Yn gymwys' }] });
    const final = await handle.result();
    expect(final.status).toBe('full_application_expired');
    const types = (await events(handle.workflowId)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['full_application.reminder', 'full_application.expired']);
  });

  it('moves the reminders with the deadline when the deadline is extended', async () => {
    const policy = await testPolicy({ fullApplicationWindow: '3 seconds', fullApplicationReminders: ['2 seconds'] });
    const handle = await startCase(policy);
    await toScreening(handle);
    await handle.executeUpdate(m.screenEoi, { args: [{ actor: who('caseworker'), at: now(), outcome: 'invite', reasons: 'Yn gymwys' }] });
    const dueAt = new Date(Date.now() + 60 * 60_000).toISOString();
    await handle.executeUpdate(m.extendDeadline, { args: [{ actor: who('caseworker'), at: now(), deadline: 'full_application', dueAt, reason: 'Llifogydd' }] });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const state = await handle.query(m.applicationState);
    expect(state).toMatchObject({ status: 'invited', fullApplicationDueAt: dueAt, applicantAction: { action: 'send_full_application', dueAt } });
    const types = (await events(handle.workflowId)).map((e) => e.type);
    expect(types).not.toContain('full_application.reminder');
    expect(types).not.toContain('full_application.expired');
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('refuses a decision from someone who assessed the application, and records nothing for it', async () => {
    const policy = await testPolicy();
    const both = await createPerson(prisma, { grants: [{ role: 'assessor' }, { role: 'approver', delegatedLimitPence: 2_500_000n }] });
    const handle = await startCase(policy);
    await toAssessment(handle);
    for (const assessor of [actor(both.id, 'assessor'), who('assessorA')]) {
      await handle.executeUpdate(m.declareConflict, { args: [{ actor: assessor, at: now(), conflict: false, details: null }] });
      await handle.executeUpdate(m.scoreApplication, { args: [{ actor: assessor, at: now(), scores: scores(policy, 3) }] });
    }
    await handle.executeUpdate(m.recommend, {
      args: [{ actor: who('caseworker'), at: now(), recommendation: 'approve', amountPence: 2_000_000, reasons: 'Iawn' }],
    });
    // Once the write of the last event has finished and the workflow has heard so, the history is still.
    await eventually(async () => {
      const { raw } = await handle.describe();
      return (raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask ? true : undefined;
    });
    const historyBefore = (await handle.fetchHistory()).events?.length;

    const refused = await refusal(handle.executeUpdate(m.decide, { args: [{ ...approve('approver'), actor: actor(both.id, 'approver', null, 2_500_000) }] }));
    expect(refused).toEqual({ type: m.REFUSED_FORBIDDEN, en: 'You cannot decide an application you assessed' });
    expect((await handle.fetchHistory()).events?.length).toBe(historyBefore);
    expect((await handle.query(m.applicationState)).status).toBe('decision');
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('refuses an approver a decision beyond their delegated authority, and a caseworker any decision', async () => {
    const policy = await testPolicy();
    const handle = await startCase(policy);
    await toDecision(handle, policy);
    const beyond = await refusal(
      handle.executeUpdate(m.decide, { args: [{ ...approve('approver'), actor: actor(who('approver').personId, 'approver', null, 1_000_000) }] }),
    );
    expect(beyond).toEqual({ type: m.REFUSED_FORBIDDEN, en: '£18,000.00 is beyond your delegated authority' });
    const caseworker = await refusal(handle.executeUpdate(m.decide, { args: [{ ...approve('approver'), actor: who('caseworker') }] }));
    expect(caseworker.type).toBe(m.REFUSED_FORBIDDEN);
    const tooMuch = await refusal(handle.executeUpdate(m.decide, { args: [approve('approver', 2_100_000)] }));
    expect(tooMuch.en).toBe('The award cannot be more than the amount requested');
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('lets only the panel decide an award past the per-organisation cap where the policy says so, with the reason on record', async () => {
    const base = await testPolicy();
    const policy: CfpPolicy = { ...base, organisationCap: { ...base.organisationCap, whenExceeded: 'panel' } };
    const handle = await startCase(policy);
    const capped = { count: 3, totalPence: 6_000_000 };
    await handle.executeUpdate(m.saveEoi, { args: [{ actor: who('member'), at: now(), answers: eoiAnswers(), area }] });
    await handle.executeUpdate(m.submitEoi, {
      args: [{ actor: who('lead'), at: now(), legalForm: 'charitable_incorporated_organisation', recentAwards: capped }],
    });
    const invited = await handle.executeUpdate(m.screenEoi, {
      args: [{ actor: who('caseworker'), at: now(), outcome: 'invite', reasons: 'Yn gymwys', recentAwards: capped }],
    });
    expect(invited.status).toBe('invited');
    const invitation = await prisma.caseEvent.findFirstOrThrow({ where: { reference: handle.workflowId, type: 'eoi.invited' } });
    expect(invitation.payload).toMatchObject({
      organisationCap: { recentAwards: capped, amountPence: 2_000_000, reason: { en: expect.stringMatching(/^The group has had 3 awards/) } },
    });

    await handle.executeUpdate(m.saveFullApplication, { args: [{ actor: who('member'), at: now(), answers: fullApplicationAnswers() }] });
    await handle.executeUpdate(m.submitFullApplication, { args: [{ actor: who('lead'), at: now() }] });
    for (const assessor of ['assessorA', 'assessorB']) {
      await handle.executeUpdate(m.declareConflict, { args: [{ actor: who(assessor), at: now(), conflict: false, details: null }] });
      await handle.executeUpdate(m.scoreApplication, { args: [{ actor: who(assessor), at: now(), scores: scores(policy, 4) }] });
    }
    await handle.executeUpdate(m.recommend, {
      args: [{ actor: who('caseworker'), at: now(), recommendation: 'approve', amountPence: 2_000_000, reasons: 'Prosiect cryf' }],
    });

    const byApprover = await refusal(handle.executeUpdate(m.decide, { args: [{ ...approve('approver'), recentAwards: capped }] }));
    expect(byApprover.type).toBe(m.REFUSED_FORBIDDEN);
    expect(byApprover.en).toMatch(/^The group has had 3 awards \(£60,000\.00\) in the last 3 years, .* The panel decides\.$/);
    const decided = await handle.executeUpdate(m.decide, { args: [{ ...approve('panel'), recentAwards: capped }] });
    expect(decided.status).toBe('offered');
    const decision = await prisma.caseEvent.findFirstOrThrow({ where: { reference: handle.workflowId, type: 'decision.approved' } });
    expect(decision.payload).toMatchObject({ organisationCap: { recentAwards: capped, amountPence: 1_800_000 } });
    expect((await handle.query(m.applicationState)).organisationCap).toMatchObject({ amountPence: 1_800_000 });
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('makes exactly one decision when two approvers act at once', async () => {
    const policy = await testPolicy();
    const handle = await startCase(policy);
    await toDecision(handle, policy);
    const outcomes = await Promise.allSettled([
      handle.executeUpdate(m.decide, { args: [approve('approver', 1_800_000)] }),
      handle.executeUpdate(m.decide, { args: [approve('approver2', 1_700_000)] }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    const decisions = (await events(handle.workflowId)).filter((e) => e.type.startsWith('decision.'));
    expect(decisions).toHaveLength(1);
    expect((await handle.query(m.applicationState)).offer?.amountPence).toBe(
      decisions[0]?.payload && (decisions[0].payload as { amountPence: number }).amountPence,
    );
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('refuses scores from an assessor who has not declared, or who declared a conflict', async () => {
    const policy = await testPolicy();
    const handle = await startCase(policy);
    await toAssessment(handle);
    const undeclared = await refusal(handle.executeUpdate(m.scoreApplication, { args: [{ actor: who('assessorA'), at: now(), scores: scores(policy, 4) }] }));
    expect(undeclared).toEqual({ type: m.REFUSED_FORBIDDEN, en: 'Declare any conflict of interest before scoring' });
    await handle.executeUpdate(m.declareConflict, { args: [{ actor: who('assessorB'), at: now(), conflict: true, details: 'Rwy’n aelod o’r bwrdd' }] });
    const conflicted = await refusal(handle.executeUpdate(m.scoreApplication, { args: [{ actor: who('assessorB'), at: now(), scores: scores(policy, 4) }] }));
    expect(conflicted.type).toBe(m.REFUSED_FORBIDDEN);
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('sends diverging scores to moderation, and takes the moderated total', async () => {
    const policy = await testPolicy();
    const handle = await startCase(policy);
    await toAssessment(handle);
    for (const [assessor, each] of [
      ['assessorA', 5],
      ['assessorB', 2],
    ] as const) {
      await handle.executeUpdate(m.declareConflict, { args: [{ actor: who(assessor), at: now(), conflict: false, details: null }] });
      await handle.executeUpdate(m.scoreApplication, { args: [{ actor: who(assessor), at: now(), scores: scores(policy, each) }] });
    }
    expect((await handle.query(m.applicationState)).status).toBe('moderation');
    await handle.executeUpdate(m.moderateScores, { args: [{ actor: who('caseworker'), at: now(), total: 70, note: 'Cytunwyd yn y cyfarfod' }] });
    expect(await handle.query(m.applicationState)).toMatchObject({ status: 'recommendation', score: { total: 70, priority: 70 } });
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });

  it('loses nothing when the worker restarts in the middle of a case', async () => {
    const policy = await testPolicy({ offerAcceptanceWindow: '1 hour' });
    const handle = await startCase(policy);
    await toAssessment(handle);
    // Stop this file's worker and bring up a new one, as a deploy or a crash would.
    worker.shutdown();
    await running;
    worker = await temporal.createWorker(prisma);
    running = worker.run();
    await handle.executeUpdate(m.declareConflict, { args: [{ actor: who('assessorA'), at: now(), conflict: false, details: null }] });
    const state = await handle.query(m.applicationState);
    expect(state).toMatchObject({
      status: 'assessment',
      eoi: { requestedPence: 2_000_000 },
      fullApplication: { deliveryPlan: fullApplicationAnswers().deliveryPlan },
    });
    expect(state.conflicts).toHaveLength(1);
    const recorded = await events(handle.workflowId);
    expect(recorded.map((e) => e.sequence)).toEqual(recorded.map((_, i) => i + 1));
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
    expect((await handle.result()).status).toBe('withdrawn');
  });

  it('refuses commands from the wrong role, another group, or at the wrong stage, with reasons', async () => {
    const policy = await testPolicy();
    const handle = await startCase(policy);
    const notLead = await refusal(
      handle.executeUpdate(m.submitEoi, { args: [{ actor: who('member'), at: now(), legalForm: null, recentAwards: { count: 0, totalPence: 0 } }] }),
    );
    expect(notLead.type).toBe(m.REFUSED_FORBIDDEN);
    const incomplete = await refusal(
      handle.executeUpdate(m.submitEoi, { args: [{ actor: who('lead'), at: now(), legalForm: null, recentAwards: { count: 0, totalPence: 0 } }] }),
    );
    expect(incomplete.en).toContain('Answer every question before sending');
    const otherGroup = await refusal(
      handle.executeUpdate(m.saveEoi, {
        args: [{ actor: actor(who('lead').personId, 'applicant_lead', '00000000-0000-4000-8000-000000000000'), at: now(), answers: {} }],
      }),
    );
    expect(otherGroup.type).toBe(m.REFUSED_FORBIDDEN);
    const tooEarly = await refusal(
      handle.executeUpdate(m.acceptOffer, { args: [{ actor: who('lead'), at: now(), declaration: true, signatoryName: 'Gwen' }] }),
    );
    expect(tooEarly).toEqual({ type: m.REFUSED_CONFLICT, en: 'This cannot be done now: expression of interest not sent yet' });
    await handle.executeUpdate(m.withdraw, { args: [{ actor: who('lead'), at: now(), reason: 'Diwedd y prawf' }] });
  });
});
