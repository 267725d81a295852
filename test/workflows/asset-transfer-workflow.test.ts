import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import type { ResolvedTransferProcess } from '../../src/domain/cat/process.js';
import type { TransferTenure } from '../../src/domain/cat/tenure.js';
import { readableDate } from '../../src/domain/wales-time.js';
import { formatCaseReference } from '../../src/domain/case-reference.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import * as t from '../../src/workflows/asset-transfer.messages.js';
import * as m from '../../src/workflows/cfp-application.messages.js';
import { insertAsset, testProcess } from '../support/cat.js';
import { actor, area, eoiAnswers, now, testPolicy } from '../support/cfp.js';
import { useMigratedDatabase } from '../support/database.js';
import { eventually } from '../support/http.js';
import { recordHistory } from '../support/histories.js';
import { createOrganisation, createPerson } from '../support/people.js';
import { connectTemporal, writingHandle, type TemporalTestContext } from '../support/temporal.js';

// The asset transfer workflow against the real dev server and PostgreSQL, under the configured processes
// with waits of seconds where a test waits for a timer.

let prisma: PrismaClient;
useMigratedDatabase((client) => (prisma = client));

describe('Community asset transfer workflow', () => {
  let temporal: TemporalTestContext;
  let worker: Worker;
  let running: Promise<void>;
  let counter = 0;
  const people: Record<string, m.CommandActor> = {};
  let group: { id: string; name: string };
  let council: { id: string; name: string };
  let otherCouncil: { id: string; name: string };

  beforeAll(async () => {
    temporal = await connectTemporal();
    worker = await temporal.createWorker(prisma);
    running = worker.run();
    group = await createOrganisation(prisma, { name: 'Cymdeithas Cae Chwarae Llanfair' });
    council = await createOrganisation(prisma, { name: 'Cyngor Sir Dyffryn Teg', kind: 'public_body' });
    otherCouncil = await createOrganisation(prisma, { name: 'Cyngor Cymuned Llanfair', kind: 'public_body' });
    const manager = await createPerson(prisma, { grants: [{ role: 'asset_officer', organisationId: council.id }] });
    const make = async (name: string, role: m.CommandActor['role'], organisationId: string | null, managerId?: string) => {
      const person = await createPerson(prisma, { language: 'cy', grants: [{ role, organisationId }] });
      if (managerId) await prisma.person.update({ where: { id: person.id }, data: { managerId } });
      people[name] = actor(person.id, role, organisationId);
    };
    await make('lead', 'applicant_lead', group.id);
    await make('member', 'applicant_member', group.id);
    await make('officer', 'asset_officer', council.id, manager.id);
    await make('otherOfficer', 'asset_officer', otherCouncil.id);
    await make('caseworker', 'caseworker', null);
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

  async function startTransfer(
    process: ResolvedTransferProcess,
    options: { openSpace?: boolean; owner?: { id: string; name: string } } = {},
  ): Promise<WorkflowHandle> {
    const owner = options.owner ?? council;
    const reference = formatCaseReference('CAT', 2026, 900_000 + ++counter + Math.floor(Math.random() * 90_000));
    const asset = await insertAsset(prisma, owner.id, { openSpace: options.openSpace ?? false });
    return writingHandle(
      prisma,
      await temporal.client.workflow.start(t.ASSET_TRANSFER_WORKFLOW, {
        workflowId: reference,
        taskQueue: temporal.taskQueue,
        args: [
          {
            reference,
            process,
            asset,
            owner,
            organisation: group,
            language: 'cy',
            proposedUse: 'Canolfan gymunedol',
            message: 'Hoffem gymryd yr hen ysgol',
            createdBy: who('lead'),
            at: now(),
          } satisfies t.TransferStart,
        ],
      }),
    );
  }

  /** Sends a command as `as` (the council's asset officer unless named), now. */
  function send<C extends m.Command>(
    handle: WorkflowHandle,
    update: UpdateDefinition<t.TransferCommandResult, [C]>,
    args: Omit<C, 'actor' | 'at'>,
    as = 'officer',
  ): Promise<t.TransferCommandResult> {
    return handle.executeUpdate(update, { args: [{ ...args, actor: who(as), at: now() } as C] });
  }

  const documents = [
    { kind: 'governing_document', title: 'Cyfansoddiad' },
    { kind: 'business_plan', title: 'Cynllun busnes 2026-2031' },
    { kind: 'financial_projections', title: 'Rhagolygon ariannol' },
    { kind: 'insurance', title: 'Yswiriant' },
  ];
  const lease = (termYears: number): TransferTenure => ({ kind: 'lease', termYears });

  /** From the enquiry (default process) to the decision gate, evaluated as given. */
  async function toDecision(handle: WorkflowHandle, evaluation: Partial<t.RecordEvaluation> = {}) {
    await send(handle, t.respondToEnquiry, { outcome: 'invite', reasons: 'Mae’r ased ar gael' });
    await send(handle, t.submitExpressionOfInterest, { proposedUse: 'Canolfan gymunedol', communityBenefit: 'Lle i bawb', documents }, 'lead');
    await send(handle, t.recordGateDecision, {
      gate: 'initial_assessment',
      decidedBy: 'steering_group',
      outcome: 'proceed',
      reasons: 'Achos cryf',
      minuteReference: 'Grŵp llywio 3',
    });
    await send(handle, t.submitBusinessPlan, { summary: 'Cynllun pum mlynedd', documents }, 'lead');
    return send(handle, t.recordEvaluation, {
      marketValuePence: 25_000_000,
      valuer: 'Prisiwr Dosbarth',
      considerationPence: 100,
      tenure: lease(25),
      repairingObligations: 'Atgyweirio llawn',
      wellBeingJustification: 'Bydd y ganolfan yn cynnal lles cymdeithasol y pentref',
      ...evaluation,
    });
  }

  const approve = (handle: WorkflowHandle) =>
    send(handle, t.recordGateDecision, {
      gate: 'decision',
      decidedBy: 'cabinet',
      outcome: 'proceed',
      reasons: 'Cymeradwywyd',
      minuteReference: 'Cabinet 14 Mai 2026 eitem 7',
    });
  const headsOfTerms = (handle: WorkflowHandle) =>
    send(handle, t.agreeHeadsOfTerms, { decidedBy: 'section_151_officer', summary: 'Prydles 25 mlynedd, rhent hedyn pupur' });
  const complete = (handle: WorkflowHandle, tenure: TransferTenure = lease(25)) =>
    send(handle, t.completeTransfer, { decidedBy: 'monitoring_officer', tenure, completedOn: '2026-11-23' });

  async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; en: string }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: { en: string }[] };
    return { type: cause.type, en: cause.details?.[0]?.en ?? '' };
  }

  const eventTypes = async (reference: string) => (await prisma.caseEvent.findMany({ where: { reference }, orderBy: { sequence: 'asc' } })).map((e) => e.type);
  const row = (reference: string) => prisma.transfer.findUniqueOrThrow({ where: { reference } });

  it('carries a transfer to a completed 25-year lease, then through its community-benefit reports', async () => {
    const handle = await startTransfer(await testProcess('default', { monitoring: { reports: 2, reportEvery: '1 hour' } }));
    const reference = handle.workflowId;
    await eventually(async () => ((await prisma.transfer.findUnique({ where: { reference } }))?.status === 'enquiry' ? true : undefined));

    const evaluated = await toDecision(handle);
    expect(evaluated.status).toBe('decision');
    const evaluation = (await handle.query(t.transferState)).evaluation;
    expect(evaluation).toMatchObject({
      undervaluePence: 24_999_900,
      bestConsiderationApplies: true,
      needsMinistersConsent: false,
      needsWellBeingJustification: true,
    });

    expect((await approve(handle)).status).toBe('heads_of_terms');
    expect((await headsOfTerms(handle)).status).toBe('legal_completion');
    expect((await complete(handle)).status).toBe('monitoring');

    const completed = await row(reference);
    expect(completed).toMatchObject({
      status: 'monitoring',
      stage: 'monitoring',
      tenureKind: 'lease',
      tenureYears: 25,
      undervaluePence: 24_999_900n,
      groupAction: 'send_community_benefit_report',
    });
    expect(completed.caseOfficerId).toBe(who('officer').personId);
    expect(completed.completedAt).not.toBeNull();
    expect((await prisma.asset.findUniqueOrThrow({ where: { id: completed.assetId } })).availability).toBe('transferred');

    await send(handle, t.submitCommunityBenefitReport, { summary: 'Clwb ieuenctid a chaffi', peopleServed: 340, stillInCommunityUse: true }, 'member');
    const last = await send(handle, t.submitCommunityBenefitReport, { summary: 'Ail flwyddyn', peopleServed: 410, stillInCommunityUse: true }, 'member');
    expect(last.status).toBe('monitoring_complete');
    const final = (await handle.result()) as t.TransferState;
    expect(final.monitoring?.received.map((r) => r.number)).toEqual([1, 2]);

    expect(await eventTypes(reference)).toEqual([
      'transfer.started',
      'enquiry.answered',
      'expression_of_interest.submitted',
      'gate.passed',
      'business_plan.submitted',
      'evaluation.recorded',
      'decision.approved',
      'heads_of_terms.agreed',
      'transfer.completed',
      'monitoring.report_received',
      'monitoring.report_received',
    ]);
    const approved = await prisma.caseEvent.findUniqueOrThrow({ where: { reference_sequence: { reference, sequence: 7 } } });
    expect(approved.summaryEn).toBe('The transfer was approved by the cabinet');
    expect(approved.summaryCy).toBe('Cymeradwyodd y cabinet y trosglwyddiad');
    // The group hears in Welsh, its chosen language.
    const mail = await prisma.notification.findFirstOrThrow({ where: { reference, sequence: 9, personId: who('lead').personId } });
    expect(mail.language).toBe('cy');
    expect(mail.body).toContain('Cwblhawyd y trosglwyddiad: prydles 25 mlynedd');
    expect((await verifyAuditChain(prisma, { stream: reference })).ok).toBe(true);
    await recordHistory('asset-transfer-completed', handle);
  });

  it('refuses an undervalue without a well-being justification, and waits for the Welsh Ministers above the limit', async () => {
    const handle = await startTransfer(await testProcess());
    const refused = await refusal(
      toDecision(handle, { tenure: { kind: 'freehold', termYears: null }, marketValuePence: 250_000_000, considerationPence: 1, wellBeingJustification: null }),
    );
    expect(refused.en).toBe('A well-being justification is needed for the undervalue (£2,499,999.99)');

    await send(handle, t.recordEvaluation, {
      marketValuePence: 250_000_000,
      valuer: 'Prisiwr Dosbarth',
      considerationPence: 1,
      tenure: { kind: 'freehold', termYears: null },
      repairingObligations: 'Dim',
      wellBeingJustification: 'Adfywio canol y dref',
    });
    expect((await approve(handle)).status).toBe('ministers_consent');
    expect((await row(handle.workflowId)).needsConsent).toBe(true);
    // Heads of terms wait for the consent.
    expect((await refusal(headsOfTerms(handle))).en).toBe('This cannot be done now: waiting for the welsh ministers’ consent');

    expect((await send(handle, t.recordMinistersConsent, { outcome: 'granted', consentReference: 'LG/2026/123', reasons: 'Cydsyniad' })).status).toBe(
      'heads_of_terms',
    );
    await headsOfTerms(handle);
    expect((await complete(handle, { kind: 'freehold', termYears: null })).status).toBe('monitoring');
    expect(await eventTypes(handle.workflowId)).toContain('consent.granted');
  });

  it('skips the best-consideration check for a tenancy of seven years or less', async () => {
    const handle = await startTransfer(await testProcess());
    await toDecision(handle, { tenure: lease(7), marketValuePence: 300_000_000, considerationPence: 0, wellBeingJustification: null });
    expect((await handle.query(t.transferState)).evaluation).toMatchObject({
      bestConsiderationApplies: false,
      needsMinistersConsent: false,
      needsWellBeingJustification: false,
    });
    expect((await approve(handle)).status).toBe('heads_of_terms');
  });

  it('completes only on the tenure the heads of terms agreed, or on a variation agreed by their decider', async () => {
    const handle = await startTransfer(await testProcess());
    await toDecision(handle);
    await approve(handle);
    // Left out, the heads of terms agree the tenure evaluated: a 25-year lease.
    await headsOfTerms(handle);
    expect((await handle.query(t.transferState)).headsOfTerms?.tenure).toEqual(lease(25));
    const before = await eventTypes(handle.workflowId);

    const shorter = await refusal(complete(handle, lease(20)));
    expect(shorter).toEqual({
      type: m.REFUSED_CONFLICT,
      en: 'The heads of terms agreed a 25-year lease, not a 20-year lease: complete on the agreed terms, or give the variation agreed and who in the body agreed it (variation)',
    });
    const variation = (agreedBy: t.CompleteTransfer['decidedBy']) => ({
      decidedBy: 'monitoring_officer' as const,
      tenure: lease(20),
      completedOn: '2026-11-23',
      variation: { agreedBy, reasons: 'Mae’r benthyciwr yn fodlon ar 20 mlynedd' },
    });
    // Only the body's heads-of-terms decider agrees a change to them.
    expect(await refusal(send(handle, t.completeTransfer, variation('cabinet')))).toEqual({
      type: m.REFUSED_FORBIDDEN,
      en: 'In this body, the section 151 officer agrees changes to the heads of terms',
    });
    // A variation that changes nothing is no variation.
    const nothing = await refusal(send(handle, t.completeTransfer, { ...variation('section_151_officer'), tenure: lease(25) }));
    expect(nothing.en).toBe('There is nothing to vary: the heads of terms agreed a 25-year lease');
    expect(await eventTypes(handle.workflowId)).toEqual(before);

    expect((await send(handle, t.completeTransfer, variation('section_151_officer'))).status).toBe('monitoring');
    const state = await handle.query(t.transferState);
    expect(state.completion?.variation).toEqual({
      from: lease(25),
      to: lease(20),
      agreedBy: 'section_151_officer',
      reasons: 'Mae’r benthyciwr yn fodlon ar 20 mlynedd',
    });
    const completed = await prisma.caseEvent.findFirstOrThrow({ where: { reference: handle.workflowId, type: 'transfer.completed' } });
    expect(completed.payload).toMatchObject({ tenure: lease(20), variation: { from: lease(25), to: lease(20), agreedBy: 'section_151_officer' } });
    expect(completed.summaryEn).toBe(
      'The transfer was completed: a 20-year lease (the heads of terms agreed a 25-year lease; the section 151 officer agreed the change)',
    );
    expect(completed.summaryCy).toBe(
      'Cwblhawyd y trosglwyddiad: prydles 20 mlynedd (yn ôl penawdau’r telerau, prydles 25 mlynedd; cytunodd y swyddog adran 151 i’r newid)',
    );
    expect((await row(handle.workflowId)).tenureYears).toBe(20);
  });

  it('weighs heads of terms or a variation on another tenure under the valuation rules again', async () => {
    // Valued as a 7-year lease, outside the best-consideration duty: no justification was needed.
    const handle = await startTransfer(await testProcess());
    await toDecision(handle, { tenure: lease(7), wellBeingJustification: null });
    await approve(handle);
    const freehold = await refusal(
      send(handle, t.agreeHeadsOfTerms, { decidedBy: 'section_151_officer', summary: 'Rhydd-ddaliad', tenure: { kind: 'freehold', termYears: null } }),
    );
    expect(freehold.en).toBe('Freehold would need a well-being justification for the undervalue, and none was recorded with the evaluation');
    await send(handle, t.agreeHeadsOfTerms, { decidedBy: 'section_151_officer', summary: 'Prydles 5 mlynedd', tenure: lease(5) });
    const longer = await refusal(
      send(handle, t.completeTransfer, {
        decidedBy: 'monitoring_officer',
        tenure: lease(30),
        completedOn: '2026-11-23',
        variation: { agreedBy: 'section_151_officer', reasons: 'Hirach' },
      }),
    );
    expect(longer.en).toBe('A 30-year lease would need a well-being justification for the undervalue, and none was recorded with the evaluation');
    expect((await complete(handle, lease(5))).status).toBe('monitoring');
    expect((await handle.query(t.transferState)).completion?.variation).toBeNull();
  });

  it('publishes an open-space notice, takes an objection in the period and considers it before the decision stands', async () => {
    const handle = await startTransfer(await testProcess('default', { durations: { objectionPeriod: '3 seconds' } }), { openSpace: true });
    await toDecision(handle);
    await approve(handle);
    expect((await headsOfTerms(handle)).status).toBe('open_space_notice');
    // Completion waits for the notice and the objections.
    expect((await refusal(complete(handle))).en).toContain('This cannot be done now');

    expect((await send(handle, t.publishOpenSpaceNotice, { publishedIn: 'Y Cymro, 2 wythnos' })).status).toBe('objection_period');
    await send(handle, t.recordObjection, { objector: 'Trigolion Stryd y Cae', summary: 'Colli man chwarae' });
    await eventually(async () => ((await row(handle.workflowId)).status === 'objections_consideration' ? true : undefined));
    // The period is over: no more objections.
    expect((await refusal(send(handle, t.recordObjection, { objector: 'Hwyr', summary: 'Rhy hwyr' }))).en).toContain('This cannot be done now');

    expect((await send(handle, t.considerObjections, { outcome: 'proceed', reasons: 'Bydd y cae yn aros yn agored i bawb dan y brydles' })).status).toBe(
      'legal_completion',
    );
    await complete(handle);
    const types = await eventTypes(handle.workflowId);
    expect(types.slice(types.indexOf('heads_of_terms.agreed'))).toEqual([
      'heads_of_terms.agreed',
      'open_space.notice_published',
      'open_space.objection_received',
      'open_space.period_ended',
      'open_space.objections_considered',
      'transfer.completed',
    ]);
    const state = await handle.query(t.transferState);
    expect(state.openSpace?.objections).toHaveLength(1);
    await recordHistory('asset-transfer-open-space', handle);
  });

  it('declines at the initial assessment gate, taken only by the decider the body configured', async () => {
    const handle = await startTransfer(await testProcess());
    await send(handle, t.respondToEnquiry, { outcome: 'invite', reasons: 'Ar gael' });
    await send(
      handle,
      t.submitExpressionOfInterest,
      { proposedUse: 'Gardd gymunedol', communityBenefit: 'Bwyd lleol', documents: documents.slice(0, 1) },
      'lead',
    );

    const wrongDecider = await refusal(
      send(handle, t.recordGateDecision, { gate: 'initial_assessment', decidedBy: 'cabinet', outcome: 'decline', reasons: 'Na', minuteReference: null }),
    );
    expect(wrongDecider).toEqual({ type: m.REFUSED_FORBIDDEN, en: 'In this body, the steering group decides this' });
    const otherBody = await refusal(
      send(
        handle,
        t.recordGateDecision,
        { gate: 'initial_assessment', decidedBy: 'steering_group', outcome: 'decline', reasons: 'Na', minuteReference: null },
        'otherOfficer',
      ),
    );
    expect(otherBody).toEqual({ type: m.REFUSED_FORBIDDEN, en: `Your body does not own this asset: only an asset officer of ${council.name} can do this` });

    const declined = await send(handle, t.recordGateDecision, {
      gate: 'initial_assessment',
      decidedBy: 'steering_group',
      outcome: 'decline',
      reasons: 'Mae angen yr adeilad ar gyfer ysgol newydd',
      minuteReference: 'Grŵp llywio 4',
    });
    expect(declined.status).toBe('declined');
    expect(((await handle.result()) as t.TransferState).closingReason).toBe('Mae angen yr adeilad ar gyfer ysgol newydd');
    const last = await prisma.caseEvent.findFirstOrThrow({ where: { reference: handle.workflowId }, orderBy: { sequence: 'desc' } });
    expect(last).toMatchObject({ type: 'transfer.declined', status: 'declined', summaryEn: 'The transfer was declined by the steering group' });
    expect(await row(handle.workflowId)).toMatchObject({ status: 'declined', stage: 'closed' });
  });

  it('lapses when the group does not send its expression of interest in time, after a reminder', async () => {
    const handle = await startTransfer(await testProcess('default', { durations: { groupResponseWindow: '4 seconds', groupReminderBefore: '2 seconds' } }));
    await send(handle, t.respondToEnquiry, { outcome: 'invite', reasons: 'Ar gael' });
    expect((await row(handle.workflowId)).groupAction).toBe('send_expression_of_interest');
    const final = (await handle.result()) as t.TransferState;
    expect(final.status).toBe('lapsed');
    expect((await eventTypes(handle.workflowId)).slice(-2)).toEqual(['group.reminder', 'transfer.lapsed']);
    expect(await row(handle.workflowId)).toMatchObject({ status: 'lapsed', groupAction: null });
    const reminder = await prisma.notification.findFirstOrThrow({
      where: { reference: handle.workflowId, personId: who('lead').personId, subject: { contains: 'atgoffa' } },
    });
    expect(reminder.body).toContain('Anfon mynegiant o ddiddordeb');
    await recordHistory('asset-transfer-lapsed', handle);
  });

  it('lets the group withdraw before completion and refuses it after', async () => {
    const withdrawn = await startTransfer(await testProcess());
    expect((await send(withdrawn, t.withdrawTransfer, { reason: 'Mae’r grŵp wedi dod o hyd i adeilad arall' }, 'member')).status).toBe('withdrawn');

    const done = await startTransfer(await testProcess());
    await toDecision(done);
    await approve(done);
    await headsOfTerms(done);
    await complete(done);
    expect((await refusal(send(done, t.withdrawTransfer, { reason: 'Rhy hwyr' }, 'lead'))).en).toContain('This cannot be done now');
    expect((await send(done, t.recordCommunityUseStopped, { reason: 'Caeodd y ganolfan' })).status).toBe('returned');
    expect((await prisma.asset.findUniqueOrThrow({ where: { id: (await row(done.workflowId)).assetId } })).availability).toBe('returned');
  });

  it('escalates an overdue community-benefit report to the case officer’s manager', async () => {
    const handle = await startTransfer(
      await testProcess('default', { monitoring: { reports: 1, reportEvery: '2 seconds', reminderBefore: '1 second', overdueAfter: '1 second' } }),
    );
    await toDecision(handle);
    await approve(handle);
    await headsOfTerms(handle);
    await complete(handle);
    await eventually(async () => ((await eventTypes(handle.workflowId)).includes('monitoring.overdue') ? true : undefined));
    expect((await eventTypes(handle.workflowId)).slice(-3)).toEqual(['monitoring.reminder', 'monitoring.report_due', 'monitoring.overdue']);
    const overdue = await prisma.caseEvent.findFirstOrThrow({ where: { reference: handle.workflowId, type: 'monitoring.overdue' } });
    const officer = await prisma.person.findUniqueOrThrow({ where: { id: who('officer').personId } });
    expect(await prisma.notification.count({ where: { reference: handle.workflowId, sequence: overdue.sequence, personId: officer.managerId } })).toBe(1);
    // The report still counts late.
    expect((await send(handle, t.submitCommunityBenefitReport, { summary: 'Hwyr ond yma', peopleServed: 120, stillInCommunityUse: true }, 'lead')).status).toBe(
      'monitoring_complete',
    );
  });

  it('puts community-benefit reports on anniversaries of completion in Wales and refuses one sent before its window opens, saying when in Welsh and English', async () => {
    // The process as configured: a report a year, each open 6 weeks before it is due.
    const configured = await testProcess('default', { monitoring: { reports: 5, reportEvery: '1 year', reminderBefore: '4 weeks', overdueAfter: '8 weeks' } });
    expect(configured.monitoring.opensBefore).toBe('6 weeks');
    const handle = await startTransfer(configured);
    await toDecision(handle);
    await approve(handle);
    await headsOfTerms(handle);
    await complete(handle);
    const state = await handle.query(t.transferState);
    const completedAt = state.completion?.at ?? '';
    const next = state.monitoring?.next;
    if (!next?.opensAt) throw new Error('no report scheduled with a window');

    // Due on the first anniversary of completion, at the same time of day in Wales; open 42 calendar days before.
    const inWales = (instant: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/London',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(instant));
    const [completedDate, completedTime] = inWales(completedAt).split(', ');
    const [year, month, day] = (completedDate ?? '').split('-').map(Number) as [number, number, number];
    const anniversary = new Date(Date.UTC(year + 1, month - 1, month === 2 && day === 29 ? 28 : day));
    expect(next).toMatchObject({ number: 1 });
    expect(inWales(next.dueAt)).toBe(`${anniversary.toISOString().slice(0, 10)}, ${completedTime}`);
    expect(inWales(next.opensAt)).toBe(`${new Date(anniversary.getTime() - 42 * 86_400_000).toISOString().slice(0, 10)}, ${completedTime}`);
    expect(state.groupAction).toEqual({ action: 'send_community_benefit_report', dueAt: next.dueAt });

    // Sent at completion, a year early: refused, with the date it opens and the date it is due.
    const error = await send(handle, t.submitCommunityBenefitReport, { summary: 'Rhy gynnar', peopleServed: 10, stillInCommunityUse: true }, 'lead').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; details?: { cy: string; en: string }[] };
    expect(cause.type).toBe(m.REFUSED_CONFLICT);
    expect(cause.details?.[0]).toEqual({
      en: `Community-benefit report 1 is not open yet: it can be sent from ${readableDate(next.opensAt, 'en', 'dayAndTime')}, and is due by ${readableDate(next.dueAt, 'en')}`,
      cy: `Nid yw adroddiad budd cymunedol 1 ar agor eto: gellir ei anfon o ${readableDate(next.opensAt, 'cy', 'dayAndTime')} ymlaen, ac mae’n ddyledus erbyn ${readableDate(next.dueAt, 'cy')}`,
    });
    expect((await handle.query(t.transferState)).monitoring?.received).toEqual([]);
    await handle.terminate('the test is over');
  });

  it('runs two bodies’ different processes side by side', async () => {
    const dyffrynTeg = await testProcess('GB-LAE-DYT');
    const guide = await testProcess('default');
    expect(dyffrynTeg.stages).not.toEqual(guide.stages);
    const [council1, council2] = await Promise.all([startTransfer(dyffrynTeg), startTransfer(guide, { owner: council })]);
    if (!council1 || !council2) throw new Error('not started');
    await eventually(async () =>
      (await prisma.transfer.count({ where: { reference: { in: [council1.workflowId, council2.workflowId] } } })) === 2 ? true : undefined,
    );

    // Dyffryn Teg starts at the expression of interest and has no initial assessment; the guide starts at an enquiry.
    expect((await row(council1.workflowId)).status).toBe('expression_of_interest');
    expect((await row(council2.workflowId)).status).toBe('enquiry');

    const dyt = async () => {
      expect(
        (await send(council1, t.submitExpressionOfInterest, { proposedUse: 'Hyb', communityBenefit: 'Lles', documents: documents.slice(0, 1) }, 'lead')).status,
      ).toBe('business_plan');
      // Its business plan needs only two documents.
      await send(council1, t.submitBusinessPlan, { summary: 'Cynllun', documents: documents.slice(1, 3) }, 'lead');
      await send(council1, t.recordEvaluation, {
        marketValuePence: 9_000_000,
        valuer: 'Prisiwr',
        considerationPence: 9_000_000,
        tenure: lease(30),
        repairingObligations: 'Llawn',
        wellBeingJustification: null,
      });
      expect((await refusal(approve(council1))).en).toBe('In this body, the director decides this');
      await send(council1, t.recordGateDecision, {
        gate: 'decision',
        decidedBy: 'director',
        outcome: 'proceed',
        reasons: 'Iawn',
        minuteReference: 'Penderfyniad dirprwyedig 12',
      });
      await send(council1, t.agreeHeadsOfTerms, { decidedBy: 'delegated_officer', summary: 'Prydles 30 mlynedd' });
      return complete(council1, lease(30));
    };
    const guideRun = async () => {
      await toDecision(council2);
      await approve(council2);
      await headsOfTerms(council2);
      return complete(council2);
    };
    const [first, second] = await Promise.all([dyt(), guideRun()]);
    expect([first.status, second.status]).toEqual(['monitoring', 'monitoring']);
    expect((await row(council1.workflowId)).processVersion).toBe(dyffrynTeg.version);
    expect((await row(council2.workflowId)).processVersion).toBe(guide.version);
    expect(await eventTypes(council1.workflowId)).not.toContain('gate.passed');
    expect(await eventTypes(council2.workflowId)).toContain('gate.passed');
  });

  describe('joined to a CFP grant', () => {
    async function startApplication(): Promise<WorkflowHandle> {
      const reference = formatCaseReference('CFP', 2026, 900_000 + ++counter + Math.floor(Math.random() * 90_000));
      const handle = writingHandle(
        prisma,
        await temporal.client.workflow.start(m.CFP_APPLICATION_WORKFLOW, {
          workflowId: reference,
          taskQueue: temporal.taskQueue,
          args: [
            {
              reference,
              policy: await testPolicy(),
              organisation: group,
              language: 'cy',
              projectTitle: 'Adnewyddu’r hen ysgol',
              createdBy: who('lead'),
              at: now(),
            } satisfies m.CfpApplicationStart,
          ],
        }),
      );
      await handle.executeUpdate(m.saveEoi, {
        args: [{ actor: who('member'), at: now(), answers: eoiAnswers({ tenure: { kind: 'asset_transfer', leaseYearsAfterCompletion: null } }), area }],
      });
      await handle.executeUpdate(m.submitEoi, {
        args: [{ actor: who('lead'), at: now(), legalForm: 'charitable_incorporated_organisation', recentAwards: { count: 0, totalPence: 0 } }],
      });
      return handle;
    }
    const link = (application: WorkflowHandle, transfer: WorkflowHandle) =>
      application.executeUpdate(m.linkTransfer, { args: [{ actor: who('lead'), at: now(), transferReference: transfer.workflowId, concluded: null }] });
    const tenureOf = async (application: WorkflowHandle) => (await application.query(m.applicationState)).tenureTransfer;

    it('meets the grant’s tenure condition when the transfer completes with a long enough lease', async () => {
      const application = await startApplication();
      const screening = (await application.query(m.applicationState)).screening;
      expect(screening?.automatic.reasons.find((r: { code: string }) => r.code === 'tenure')).toMatchObject({ met: true });
      const transfer = await startTransfer(await testProcess());
      await link(application, transfer);
      await eventually(async () => ((await handle(transfer)).linkedApplications.includes(application.workflowId) ? true : undefined));
      expect((await tenureOf(application))?.condition).toBe('pending');

      await toDecision(transfer);
      await approve(transfer);
      await headsOfTerms(transfer);
      await complete(transfer, lease(25));

      await eventually(async () => ((await tenureOf(application))?.condition === 'met' ? true : undefined));
      // The workflow knows first; its event is written just after.
      await eventually(async () => ((await eventTypes(application.workflowId)).includes('tenure.met') ? true : undefined));
      expect(await eventTypes(application.workflowId)).toEqual(expect.arrayContaining(['tenure.transfer_linked', 'tenure.met']));
      // Both timelines show the link.
      expect(await eventTypes(transfer.workflowId)).toContain('grant.linked');
      expect((await row(transfer.workflowId)).linkedApplications).toEqual([application.workflowId]);
    });

    it('tells the case officer when the transfer falls through, and lets them decide', async () => {
      const application = await startApplication();
      await application.executeUpdate(m.screenEoi, { args: [{ actor: who('caseworker'), at: now(), outcome: 'invite', reasons: 'Cymwys' }] });
      const declined = await startTransfer(await testProcess());
      await link(application, declined);
      await eventually(async () => ((await handle(declined)).linkedApplications.length === 1 ? true : undefined));
      await send(declined, t.respondToEnquiry, { outcome: 'decline', reasons: 'Mae’r cyngor yn cadw’r adeilad' });

      await eventually(async () => ((await tenureOf(application))?.condition === 'fell_through' ? true : undefined));
      // The workflow knows first; its event is written just after.
      const fellThrough = await eventually(
        async () => (await prisma.caseEvent.findFirst({ where: { reference: application.workflowId, type: 'tenure.transfer_fell_through' } })) ?? undefined,
      );
      expect(fellThrough.payload).toMatchObject({ transferReference: declined.workflowId, outcome: 'declined' });
      expect(
        await prisma.notification.count({ where: { reference: application.workflowId, sequence: fellThrough.sequence, personId: who('caseworker').personId } }),
      ).toBe(1);

      // The case officer lets the group name another transfer, which completes with too short a lease.
      await application.executeUpdate(m.decideTenure, {
        args: [{ actor: who('caseworker'), at: now(), outcome: 'await_another_transfer', reasons: 'Mae ased arall ar gael' }],
      });
      const short = await startTransfer(await testProcess());
      await link(application, short);
      await eventually(async () => ((await handle(short)).linkedApplications.length === 1 ? true : undefined));
      await toDecision(short, { tenure: lease(5), wellBeingJustification: null });
      await approve(short);
      await headsOfTerms(short);
      await complete(short, lease(5));
      await eventually(async () => ((await tenureOf(application))?.conclusion?.transferReference === short.workflowId ? true : undefined));
      expect(await tenureOf(application)).toMatchObject({
        condition: 'fell_through',
        conclusion: { outcome: 'completed', tenure: { kind: 'lease', termYears: 5 } },
      });

      const waived = await application.executeUpdate(m.decideTenure, {
        args: [{ actor: who('caseworker'), at: now(), outcome: 'waive', reasons: 'Mae gan y grŵp drwydded hir arall' }],
      });
      expect(waived.status).toBe('invited');
      expect((await tenureOf(application))?.condition).toBe('waived');
    });

    it('links a transfer that has completed already: the transfer lists the grant and says so, and the condition is met after the link', async () => {
      const transfer = await startTransfer(await testProcess());
      await toDecision(transfer);
      await approve(transfer);
      await headsOfTerms(transfer);
      expect((await complete(transfer, lease(25))).status).toBe('monitoring');
      const completion = (await handle(transfer)).completion;
      if (!completion) throw new Error('not completed');
      const application = await startApplication();
      // As the API sends it for a transfer that has ended: how it ended, from the transfer's read model.
      const concluded: m.TransferConclusion = { transferReference: transfer.workflowId, outcome: 'completed', tenure: lease(25), at: completion.at };
      await application.executeUpdate(m.linkTransfer, { args: [{ actor: who('lead'), at: now(), transferReference: transfer.workflowId, concluded }] });
      expect((await tenureOf(application))?.condition).toBe('met');

      // The transfer hears of the grant, lists it and its timeline says so.
      await eventually(async () => ((await row(transfer.workflowId)).linkedApplications.includes(application.workflowId) ? true : undefined));
      expect(await eventTypes(transfer.workflowId)).toContain('grant.linked');
      // The condition is met as the link is made, after it: not dated at the transfer's completion.
      const applicationEvents = await prisma.caseEvent.findMany({
        where: { reference: application.workflowId, type: { in: ['tenure.transfer_linked', 'tenure.met'] } },
        orderBy: { sequence: 'asc' },
      });
      expect(applicationEvents.map((e) => e.type)).toEqual(['tenure.transfer_linked', 'tenure.met']);
      const [linkedAt, metAt] = applicationEvents.map((e) => e.occurredAt.getTime());
      expect(metAt).toBeGreaterThanOrEqual(linkedAt ?? Infinity);
      expect(applicationEvents[1]?.payload).toMatchObject({ transferEndedAt: completion.at });
      await recordHistory('cfp-tenure-linked-completed', application);
    });

    it('refuses to link a transfer to an application whose tenure is freehold', async () => {
      const reference = formatCaseReference('CFP', 2026, 900_000 + ++counter + Math.floor(Math.random() * 90_000));
      const application = writingHandle(
        prisma,
        await temporal.client.workflow.start(m.CFP_APPLICATION_WORKFLOW, {
          workflowId: reference,
          taskQueue: temporal.taskQueue,
          args: [
            {
              reference,
              policy: await testPolicy(),
              organisation: group,
              language: 'cy',
              projectTitle: 'Neuadd y pentref',
              createdBy: who('lead'),
              at: now(),
            } satisfies m.CfpApplicationStart,
          ],
        }),
      );
      await application.executeUpdate(m.saveEoi, {
        args: [{ actor: who('member'), at: now(), answers: eoiAnswers({ tenure: { kind: 'freehold', leaseYearsAfterCompletion: null } }), area }],
      });
      const transfer = await startTransfer(await testProcess());
      const refused = await refusal(link(application, transfer));
      expect(refused.type).toBe(m.REFUSED_CONFLICT);
      expect(refused.en).toContain('freehold');
      expect(await tenureOf(application)).toBeNull();
      expect(await eventTypes(reference)).not.toContain('tenure.transfer_linked');
    });

    const handle = (transfer: WorkflowHandle) => transfer.query(t.transferState);
  });
});
