import { getExternalWorkflowHandle, log, patched, setHandler } from '@temporalio/workflow';
import { tenureMeetsGrant } from '../../domain/cat/tenure.js';
import { applicantRoles } from '../../domain/roles.js';
import { refuse } from '../case/refusal.js';
import { grantLinked } from '../asset-transfer.messages.js';
import * as m from '../cfp-application.messages.js';
import type { ApplicationCase } from './application-case.js';
import { caseworkers, openStatuses } from './guards.js';
import { tenureLinkToldToTransfer } from './patches.js';

export interface TenureThroughTransfer {
  /** How transfers this case waits on ended, as they told it, for the main loop to settle in turn. */
  conclusions: m.TransferConclusion[];
  /** Settles the tenure condition on how the transfer ended; `at` is when this case learned it (the transfer's own time, when it told us). */
  concludeTenure(conclusion: m.TransferConclusion, at?: string): Promise<void>;
  /** The grant waits on a transfer, or on its case officer's word after one fell through. */
  tenureOutstanding(): boolean;
}

/** Security of tenure through a community asset transfer: the group links one, and the grant waits on how it ends. */
export function registerTenure({ reference, state, policy, record, command, mustBe }: ApplicationCase): TenureThroughTransfer {
  const conclusions: m.TransferConclusion[] = [];
  setHandler(m.transferConcluded, (conclusion) => {
    conclusions.push(conclusion);
  });

  const tenureOutstanding = () => state.tenureTransfer !== null && ['pending', 'fell_through', 'awaiting_link'].includes(state.tenureTransfer.condition);

  command(
    m.linkTransfer,
    (cmd) => {
      mustBe(cmd, [...applicantRoles, ...caseworkers], [...openStatuses, 'accepted']);
      if (state.tenureTransfer && state.tenureTransfer.condition !== 'awaiting_link') {
        refuse({
          cy: `Mae trosglwyddiad ased eisoes wedi’i gysylltu: ${state.tenureTransfer.transferReference}`,
          en: `An asset transfer is already linked: ${state.tenureTransfer.transferReference}`,
        });
      }
      // A check in a validator needs no patch: validators are not run again on replay, and a refused
      // command leaves nothing in the history.
      const own = state.eoi.tenure?.kind;
      if (own && own !== 'asset_transfer') {
        const what = own === 'freehold' ? { cy: 'rhydd-ddaliad', en: 'freehold' } : { cy: 'prydles', en: 'a lease' };
        refuse({
          cy: `Mae’r mynegiant o ddiddordeb yn rhoi’r ddeiliadaeth fel ${what.cy}, nid trosglwyddiad ased: dim ond cais y daw ei ddeiliadaeth o drosglwyddiad ased cymunedol all gysylltu un`,
          en: `The expression of interest gives the tenure as ${what.en}, not an asset transfer: only an application whose tenure is to come from a community asset transfer can link one`,
        });
      }
    },
    async (cmd) => {
      state.tenureTransfer = { transferReference: cmd.transferReference, condition: 'pending', conclusion: null, decision: null };
      const linked = record('tenure.transfer_linked', cmd.at, cmd.actor, { payload: { transferReference: cmd.transferReference }, notify: ['case_officer'] });
      if (cmd.concluded && !patched(tenureLinkToldToTransfer)) {
        await concludeTenure(cmd.concluded);
        return linked;
      }
      // The transfer hears of the link (and records it, while its workflow runs: in its monitoring years,
      // say); if it had not ended, it tells this case when it does, and if it ended meanwhile, at once.
      await getExternalWorkflowHandle(cmd.transferReference)
        .signal(grantLinked, { applicationReference: reference, at: cmd.at })
        .catch((error: unknown) => log.warn('Could not tell the transfer about the grant', { transfer: cmd.transferReference, error: String(error) }));
      // A transfer that had ended already is known from the API: this case learns it as it links it, so
      // the condition is settled then, after the link (its answer to the signal then finds nothing to do).
      if (cmd.concluded) await concludeTenure(cmd.concluded, cmd.at);
      return linked;
    },
  );

  async function concludeTenure(conclusion: m.TransferConclusion, at = conclusion.at): Promise<void> {
    const tenure = state.tenureTransfer;
    if (!tenure || tenure.transferReference !== conclusion.transferReference || tenure.condition !== 'pending') {
      log.info('A transfer this case no longer waits on has ended', { transfer: conclusion.transferReference });
      return;
    }
    const met =
      conclusion.outcome === 'completed' && conclusion.tenure !== null && tenureMeetsGrant(conclusion.tenure, policy.tenure.minLeaseYearsAfterCompletion);
    state.tenureTransfer = { ...tenure, condition: met ? 'met' : 'fell_through', conclusion };
    const payload = {
      transferReference: conclusion.transferReference,
      outcome: conclusion.outcome,
      tenure: conclusion.tenure,
      transferEndedAt: conclusion.at,
      minLeaseYears: policy.tenure.minLeaseYearsAfterCompletion,
    };
    await record(met ? 'tenure.met' : 'tenure.transfer_fell_through', at, null, { payload, notify: ['applicants', 'case_officer'] });
  }

  command(
    m.decideTenure,
    (cmd) => {
      mustBe(cmd, caseworkers, [...openStatuses, 'accepted']);
      if (state.tenureTransfer?.condition !== 'fell_through')
        refuse({ cy: 'Nid oes trosglwyddiad wedi methu i benderfynu arno', en: 'There is no fallen-through transfer to decide on' });
    },
    (cmd) => {
      const tenure = state.tenureTransfer;
      const decision = { outcome: cmd.outcome, reasons: cmd.reasons, by: cmd.actor.personId, at: cmd.at };
      if (tenure) state.tenureTransfer = { ...tenure, condition: cmd.outcome === 'waive' ? 'waived' : 'awaiting_link', decision };
      return record('tenure.decided', cmd.at, cmd.actor, { payload: { outcome: cmd.outcome, reasons: cmd.reasons }, notify: ['applicants'] });
    },
  );

  return { conclusions, concludeTenure, tenureOutstanding };
}
