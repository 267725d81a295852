import { patched } from '@temporalio/workflow';
import { sameTenure, tenureRefusedByValuation } from '../../domain/cat/heads-of-terms.js';
import { tenureWording } from '../../domain/cat/tenure.js';
import { assessValuation } from '../../domain/cat/valuation.js';
import { formatPounds } from '../../domain/money.js';
import { refuse } from '../case/refusal.js';
import * as m from '../asset-transfer.messages.js';
import { assetOfficers, mustBeDecidedBy, mustHaveTerm, valued } from './guards.js';
import { headsOfTermsTenure } from './patches.js';
import type { TransferCase } from './transfer-case.js';

/** The evaluation and valuation, the Welsh Ministers' consent where the law needs it, and the heads of terms. */
export function registerTerms({ state, process, record, command, mustBe, route }: TransferCase): void {
  const { advance, end } = route;

  command(
    m.recordEvaluation,
    (cmd) => {
      mustBe(cmd, assetOfficers, ['evaluation']);
      mustHaveTerm(cmd.tenure);
      const outcome = assessValuation(cmd, process.valuation);
      if (outcome.needsWellBeingJustification && !cmd.wellBeingJustification) {
        refuse({
          cy: `Mae angen cyfiawnhad llesiant am werthu am lai na’r gwerth (${formatPounds(outcome.undervaluePence)})`,
          en: `A well-being justification is needed for the undervalue (${formatPounds(outcome.undervaluePence)})`,
        });
      }
    },
    (cmd) => {
      const { marketValuePence, valuer, considerationPence, tenure, repairingObligations, wellBeingJustification } = cmd;
      state.evaluation = {
        marketValuePence,
        valuer,
        considerationPence,
        tenure,
        repairingObligations,
        wellBeingJustification,
        ...assessValuation(cmd, process.valuation),
        at: cmd.at,
      };
      advance(cmd.at);
      return record('evaluation.recorded', cmd.at, cmd.actor, {
        payload: {
          tenure: cmd.tenure,
          undervaluePence: state.evaluation.undervaluePence,
          needsMinistersConsent: state.evaluation.needsMinistersConsent,
          bestConsiderationApplies: state.evaluation.bestConsiderationApplies,
        },
        notify: ['group'],
        summary: { cy: `Cofnodwyd y gwerthusiad: ${tenureWording(cmd.tenure).cy}`, en: `The evaluation was recorded: ${tenureWording(cmd.tenure).en}` },
      });
    },
  );
  command(
    m.recordMinistersConsent,
    (cmd) => mustBe(cmd, assetOfficers, ['ministers_consent']),
    async (cmd) => {
      state.consent = { outcome: cmd.outcome, consentReference: cmd.consentReference, at: cmd.at };
      const payload = { outcome: cmd.outcome, consentReference: cmd.consentReference, reasons: cmd.reasons };
      if (cmd.outcome === 'refused') {
        await end('declined', cmd.at, cmd.reasons);
        return record('transfer.declined', cmd.at, cmd.actor, {
          payload,
          notify: ['group'],
          summary: { cy: 'Ni roddodd Gweinidogion Cymru eu cydsyniad', en: 'The Welsh Ministers did not consent' },
        });
      }
      advance(cmd.at);
      return record('consent.granted', cmd.at, cmd.actor, { payload, notify: ['group'] });
    },
  );

  /** The tenure heads of terms agree: the one given, else the one evaluated. */
  const agreedTenure = (cmd: m.AgreeHeadsOfTerms) => cmd.tenure ?? state.evaluation?.tenure ?? null;

  command(
    m.agreeHeadsOfTerms,
    (cmd) => {
      mustBe(cmd, assetOfficers, ['heads_of_terms']);
      mustBeDecidedBy(process, 'heads_of_terms', cmd.decidedBy);
      const tenure = agreedTenure(cmd);
      if (tenure) mustHaveTerm(tenure);
      const evaluated = state.evaluation;
      if (tenure && evaluated && !sameTenure(tenure, evaluated.tenure)) {
        const refusal = tenureRefusedByValuation(tenure, valued(state, evaluated), process.valuation);
        if (refusal) refuse(refusal);
      }
    },
    (cmd) => {
      const tenure = agreedTenure(cmd);
      // Heads of terms agreed before they carried a tenure replay without one, and their completion is
      // not checked against it.
      state.headsOfTerms = { decidedBy: cmd.decidedBy, summary: cmd.summary, tenure: patched(headsOfTermsTenure) ? tenure : null, at: cmd.at };
      advance(cmd.at);
      return record('heads_of_terms.agreed', cmd.at, cmd.actor, {
        payload: { decidedBy: cmd.decidedBy, summary: cmd.summary, tenure: state.headsOfTerms.tenure },
        notify: ['group'],
        ...(state.headsOfTerms.tenure
          ? {
              summary: {
                cy: `Cytunwyd ar benawdau’r telerau: ${tenureWording(state.headsOfTerms.tenure).cy}`,
                en: `Heads of terms were agreed: ${tenureWording(state.headsOfTerms.tenure).en}`,
              },
            }
          : {}),
      });
    },
  );
}
