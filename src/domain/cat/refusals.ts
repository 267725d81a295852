import type { Bilingual } from '../bilingual.js';
import type { RoleName } from '../roles.js';
import type { TransferStage } from './process.js';

// What a transfer command refused for who sent it, or for a step the body's process does not have, says:
// who may act, and that the step is not in this body's process (rather than what the case waits for).
// One catalogue, used by the workflow and by the API's access check.

/** Who on a transfer may send a command for one group of roles. */
export function whoMayAct(roles: readonly RoleName[], names: { group: string; owner: string }): Bilingual {
  if (roles.length === 1 && roles[0] === 'applicant_lead') {
    return { cy: `Dim ond arweinydd ${names.group} all anfon hwn`, en: `Only the lead of ${names.group} can send this` };
  }
  if (roles.every((role) => role === 'applicant_lead' || role === 'applicant_member')) {
    return { cy: `Dim ond aelod o ${names.group} all wneud hyn`, en: `Only a member of ${names.group} can do this` };
  }
  return {
    cy: `Dim ond un o swyddogion asedau ${names.owner}, sy’n berchen ar yr ased, all wneud hyn`,
    en: `Only an asset officer of ${names.owner}, which owns the asset, can do this`,
  };
}

/** An asset officer of another body. */
export function notTheOwningBody(owner: string): Bilingual {
  return {
    cy: `Nid eich corff chi sy’n berchen ar yr ased hwn: dim ond un o swyddogion asedau ${owner} all wneud hyn`,
    en: `Your body does not own this asset: only an asset officer of ${owner} can do this`,
  };
}

/** The steps a body's process may have, as a noun. */
export const stepWording: Record<TransferStage, Bilingual> = {
  enquiry: { cy: 'ymholiad', en: 'enquiry' },
  expression_of_interest: { cy: 'mynegiant o ddiddordeb', en: 'expression of interest' },
  initial_assessment: { cy: 'asesiad cychwynnol', en: 'initial assessment' },
  business_plan: { cy: 'cynllun busnes', en: 'business plan' },
  evaluation: { cy: 'gwerthuso', en: 'evaluation' },
  decision: { cy: 'penderfyniad', en: 'decision' },
  ministers_consent: { cy: 'cydsyniad Gweinidogion Cymru', en: 'Welsh Ministers’ consent' },
  heads_of_terms: { cy: 'penawdau’r telerau', en: 'heads of terms' },
  open_space_notice: { cy: 'hysbysiad man agored', en: 'open space notice' },
  legal_completion: { cy: 'cwblhau cyfreithiol', en: 'legal completion' },
  monitoring: { cy: 'adroddiadau budd cymunedol', en: 'community-benefit reports' },
};

/** A command for a step the owning body's process does not have. */
export function stepNotInProcess(step: TransferStage, owner: string): Bilingual {
  const words = stepWording[step];
  return {
    cy: `Nid oes cam ${words.cy} ym mhroses ${owner}: nid oes dim i’w wneud yno`,
    en: `The process of ${owner} has no ${words.en} step: there is nothing to do there`,
  };
}
