import { allHandlersFinished, condition, ParentClosePolicy, proxyActivities, setHandler, startChild } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createActivities } from '../activities/index.js';
import type { Bilingual } from '../domain/bilingual.js';
import { retentionOf } from '../domain/retention.js';
import { applicantRoles, type RoleName } from '../domain/roles.js';
import { separationOfDutiesRefusal } from '../domain/separation-of-duties.js';
import { AWARD_MONITORING_WORKFLOW, monitoringWorkflowId, type AwardMonitoringStart } from './award-monitoring.messages.js';
import { REFUSED_FORBIDDEN, type Command, type CommandActor } from './case/case.messages.js';
import * as m from './claim.messages.js';
import { registerCommand } from './case/commands.js';
import { refuse } from './case/refusal.js';
import { stageGuard } from './case/stage-guard.js';

type Activities = ReturnType<typeof createActivities>;

// Both must happen, so both are retried until they do; both are idempotent (keys derived from the claim).
// Each is a few queries: a short start-to-close means a worker lost mid-activity delays a claim by seconds.
const { recordClaimEvent, instructPayment } = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '10 seconds' } });

const caseworkers: readonly RoleName[] = ['caseworker', 'administrator'];

/**
 * One claim against an award: the group's lead submits lines of eligible spend with evidence; a caseworker
 * verifies each line (approve, part-approve or reject) or asks for more evidence; a finance approver who did
 * not verify it approves payment; then exactly one payment instruction is made, with retention held (or, on
 * the final claim, released).
 */
export async function claimWorkflow(start: m.ClaimStart): Promise<m.ClaimState> {
  const state: m.ClaimState = {
    claimId: start.claimId,
    awardReference: start.awardReference,
    kind: start.kind,
    status: 'submitted',
    lines: start.lines.map((line) => ({ ...line, finding: null })),
    requestedPence: start.lines.reduce((sum, line) => sum + line.amountPence, 0),
    approvedPence: null,
    retentionPence: null,
    evidenceRequest: null,
    submittedBy: start.submittedBy.personId,
    verifiedBy: null,
    approvedBy: null,
    paymentInstructionId: null,
    monitoringWorkflowId: null,
    closingReason: null,
    lastSequence: 0,
  };

  let recording: Promise<unknown> = Promise.resolve();
  // When payment was approved: the payment's time, since the workflow reads no clock.
  let approvedAt = start.at;
  function record(type: string, at: string, actor: CommandActor | null, summary: Bilingual, payload: Record<string, unknown> = {}): Promise<void> {
    const event: m.ClaimEventRecord = {
      sequence: ++state.lastSequence,
      type,
      at,
      actor,
      summary,
      payload,
      state: JSON.parse(JSON.stringify(state)) as m.ClaimState,
      submittedAt: start.at,
    };
    const written = recording.then(() => recordClaimEvent(event));
    recording = written;
    return written.then(() => undefined);
  }

  const mustBe = stageGuard<m.ClaimStatus>({
    organisationId: () => start.organisationId,
    status: () => state.status,
    wording: {
      onlyRoles: () => ({ cy: 'Nid yw eich rôl yn caniatáu hyn ar yr hawliad hwn', en: 'Your role does not allow this on this claim' }),
      notYourGroup: { cy: 'Nid hawliad eich grŵp chi yw hwn', en: 'This is not your group’s claim' },
      notNow: (status) => ({
        cy: `Ni ellir gwneud hyn i hawliad sydd â’r statws ${status}`,
        en: `This cannot be done to a claim that is ${status.replaceAll('_', ' ')}`,
      }),
    },
  });

  /** A command on this claim; its result is the status the command left the claim in, before payment moves it on. */
  function command<C extends Command, N extends string>(
    definition: UpdateDefinition<m.ClaimCommandResult, [C], N>,
    check: (cmd: NoInfer<C>) => void,
    apply: (cmd: NoInfer<C>) => Promise<void>,
  ) {
    registerCommand(definition, check, (cmd) => {
      const done = apply(cmd);
      const status = state.status;
      return done.then(() => ({ claimId: state.claimId, status }));
    });
  }

  command(
    m.verifyClaim,
    (cmd) => {
      mustBe(cmd, caseworkers, ['submitted']);
      const lineNumbers = cmd.findings.map((f) => f.lineNumber).sort((a, b) => a - b);
      if (lineNumbers.join() !== state.lines.map((_, i) => i + 1).join()) {
        refuse({ cy: 'Rhowch ganfyddiad ar gyfer pob llinell, unwaith', en: 'Give a finding for every line, once' });
      }
      for (const finding of cmd.findings) {
        const claimed = state.lines[finding.lineNumber - 1]?.amountPence ?? 0;
        const valid =
          finding.decision === 'approve'
            ? finding.approvedPence === claimed
            : finding.decision === 'reject'
              ? finding.approvedPence === 0
              : finding.approvedPence > 0 && finding.approvedPence < claimed;
        if (!valid)
          refuse({
            cy: `Nid yw’r swm a gymeradwywyd ar linell ${finding.lineNumber} yn cyfateb i’r penderfyniad`,
            en: `The amount approved on line ${finding.lineNumber} does not match the decision`,
          });
      }
      const sod = separationOfDutiesRefusal(cmd.actor.personId, 'verify_claim', { approve_payment: state.approvedBy ? [state.approvedBy] : [] });
      if (sod) refuse(sod, REFUSED_FORBIDDEN);
    },
    (cmd) => {
      for (const finding of cmd.findings) {
        const line = state.lines[finding.lineNumber - 1];
        if (line) line.finding = finding;
      }
      state.approvedPence = cmd.findings.reduce((sum, f) => sum + f.approvedPence, 0);
      state.retentionPence = start.kind === 'final' ? 0 : retentionOf(state.approvedPence, start.retentionPercent);
      state.verifiedBy = cmd.actor.personId;
      state.status = 'verified';
      return record(
        'claim.verified',
        cmd.at,
        cmd.actor,
        { cy: 'Gwiriwyd eich hawliad', en: 'Your claim was checked' },
        { findings: cmd.findings, approvedPence: state.approvedPence },
      );
    },
  );

  command(
    m.requestEvidence,
    (cmd) => mustBe(cmd, caseworkers, ['submitted']),
    (cmd) => {
      state.evidenceRequest = { lineNumbers: cmd.lineNumbers, message: cmd.message };
      state.status = 'evidence_requested';
      return record(
        'claim.evidence_requested',
        cmd.at,
        cmd.actor,
        { cy: 'Gofynnwyd am ragor o dystiolaeth ar gyfer eich hawliad', en: 'More evidence was asked for on your claim' },
        { lineNumbers: cmd.lineNumbers, message: cmd.message },
      );
    },
  );

  command(
    m.provideEvidence,
    (cmd) => {
      mustBe(cmd, applicantRoles, ['evidence_requested']);
      if (!state.evidenceRequest?.lineNumbers.includes(cmd.lineNumber)) {
        refuse({ cy: `Ni ofynnwyd am dystiolaeth ar linell ${cmd.lineNumber}`, en: `No evidence was asked for on line ${cmd.lineNumber}` });
      }
    },
    (cmd) => {
      const line = state.lines[cmd.lineNumber - 1];
      if (line) line.evidenceFileIds = [...line.evidenceFileIds, ...cmd.evidenceFileIds];
      state.evidenceRequest = null;
      state.status = 'submitted';
      return record(
        'claim.evidence_provided',
        cmd.at,
        cmd.actor,
        { cy: 'Anfonodd eich grŵp ragor o dystiolaeth', en: 'Your group sent more evidence' },
        { lineNumber: cmd.lineNumber },
      );
    },
  );

  command(
    m.rejectClaim,
    (cmd) => mustBe(cmd, caseworkers, ['submitted', 'evidence_requested', 'verified']),
    (cmd) => {
      state.status = 'rejected';
      state.closingReason = cmd.reason;
      return record('claim.rejected', cmd.at, cmd.actor, { cy: 'Gwrthodwyd eich hawliad', en: 'Your claim was rejected' }, { reason: cmd.reason });
    },
  );

  command(
    m.approvePayment,
    (cmd) => {
      mustBe(cmd, ['finance_approver'], ['verified']);
      const sod = separationOfDutiesRefusal(cmd.actor.personId, 'approve_payment', { verify_claim: state.verifiedBy ? [state.verifiedBy] : [] });
      if (sod) refuse(sod, REFUSED_FORBIDDEN);
    },
    (cmd) => {
      state.approvedBy = cmd.actor.personId;
      state.status = 'approved';
      approvedAt = cmd.at;
      return record('claim.approved', cmd.at, cmd.actor, { cy: 'Cymeradwywyd talu eich hawliad', en: 'Payment of your claim was approved' });
    },
  );

  setHandler(m.claimState, () => state);

  await record(
    'claim.submitted',
    start.at,
    start.submittedBy,
    { cy: 'Anfonodd eich grŵp hawliad', en: 'Your group sent a claim' },
    { requestedPence: state.requestedPence },
  );

  await condition(() => state.status === 'approved' || state.status === 'rejected');
  if (state.status === 'approved' && state.approvedBy && state.approvedPence !== null) {
    const payment = await instructPayment({
      claimId: start.claimId,
      awardReference: start.awardReference,
      organisationId: start.organisationId,
      programme: start.programme,
      financialYear: start.financialYear,
      kind: start.kind,
      approvedPence: state.approvedPence,
      retentionPence: state.retentionPence ?? 0,
      approvedBy: state.approvedBy,
      at: approvedAt,
    });
    state.paymentInstructionId = payment.paymentInstructionId;
    state.status = 'payment_instructed';
    await record('claim.payment_instructed', approvedAt, null, { cy: 'Mae’r taliad ar ei ffordd', en: 'The payment is on its way' }, { ...payment });
    if (start.kind === 'final') {
      // The project is complete: the years of monitoring begin, in a workflow of their own that outlives this one.
      const monitoring: AwardMonitoringStart = {
        awardReference: start.awardReference,
        organisationId: start.organisationId,
        policy: start.monitoring,
        completedAt: approvedAt,
      };
      const child = await startChild(AWARD_MONITORING_WORKFLOW, {
        workflowId: monitoringWorkflowId(start.awardReference),
        args: [monitoring],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      state.monitoringWorkflowId = child.workflowId;
    }
  }
  await condition(allHandlersFinished);
  await recording;
  return state;
}
