import type { Bilingual } from '../bilingual.js';
import { formatPounds } from '../money.js';
import type { RoleName } from '../roles.js';
import type { CfpPolicy } from './policy.js';

// Who may decide an award of a given amount: an approver within both the programme's threshold and their
// own delegated limit; anything larger goes to the panel, whose decision a panel member records.

export type DecisionMaker = 'approver' | 'panel';

export function decisionMakerFor(amountPence: number, policy: CfpPolicy): DecisionMaker {
  return amountPence <= policy.delegatedAuthority.approverMaxPence ? 'approver' : 'panel';
}

/** Undefined when a person in `role` (with `limitPence` for approvers) may decide `amountPence`. */
export function authorityRefusal(role: RoleName, limitPence: number | null, amountPence: number, policy: CfpPolicy): Bilingual | undefined {
  const maker = decisionMakerFor(amountPence, policy);
  if (maker === 'panel') {
    return role === 'panel_member'
      ? undefined
      : {
          cy: `Mae dyfarniadau dros ${formatPounds(policy.delegatedAuthority.approverMaxPence)} yn mynd i’r panel`,
          en: `Awards over ${formatPounds(policy.delegatedAuthority.approverMaxPence)} go to the panel`,
        };
  }
  if (role === 'panel_member') return undefined;
  if (role !== 'approver') return { cy: 'Dim ond cymeradwywr neu’r panel all benderfynu', en: 'Only an approver or the panel can decide' };
  if (limitPence === null || amountPence > limitPence) {
    return {
      cy: `Mae ${formatPounds(amountPence)} y tu hwnt i’ch awdurdod dirprwyedig`,
      en: `${formatPounds(amountPence)} is beyond your delegated authority`,
    };
  }
  return undefined;
}
