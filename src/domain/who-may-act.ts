import type { Bilingual } from './bilingual.js';
import { applicantRoles, type RoleName } from './roles.js';

/** Each role as the one who may act, in a refusal's words: "Only the group’s lead can do this". */
export const roleAsActor: Record<RoleName, Bilingual> = {
  applicant_member: { cy: 'aelod o’r grŵp', en: 'a member of the group' },
  applicant_lead: { cy: 'arweinydd y grŵp', en: 'the group’s lead' },
  caseworker: { cy: 'gweithiwr achos', en: 'a caseworker' },
  assessor: { cy: 'asesydd', en: 'an assessor' },
  approver: { cy: 'cymeradwywr', en: 'an approver' },
  panel_member: { cy: 'aelod o’r panel', en: 'a panel member' },
  finance_officer: { cy: 'swyddog cyllid', en: 'a finance officer' },
  finance_approver: { cy: 'cymeradwywr cyllid', en: 'a finance approver' },
  asset_officer: { cy: 'swyddog asedau’r corff sy’n berchen ar yr ased', en: 'an asset officer of the body that owns the asset' },
  adviser: { cy: 'cynghorydd a wahoddwyd', en: 'an invited adviser' },
  administrator: { cy: 'gweinyddwr', en: 'an administrator' },
};

/**
 * Who may do what was refused, as a sentence: "Only a caseworker or an administrator can do this". Both
 * of the group's roles are "any member of the group". In Welsh, more than one are listed after a colon
 * (no mutation to get wrong after "neu").
 */
export function onlyRolesMay(roles: readonly RoleName[]): Bilingual {
  const wholeGroup = applicantRoles.every((role) => roles.includes(role));
  const named: Bilingual[] = [
    ...(wholeGroup ? [{ cy: 'aelod o’r grŵp', en: 'a member of the group' }] : []),
    ...roles.filter((role) => !(wholeGroup && applicantRoles.includes(role))).map((role) => roleAsActor[role]),
  ];
  const en = named.map((n) => n.en);
  const enList = en.length <= 1 ? (en[0] ?? '') : `${en.slice(0, -1).join(', ')} or ${en.at(-1) ?? ''}`;
  const cy = named.length === 1 ? `Dim ond ${named[0]?.cy ?? ''} all wneud hyn` : `Dim ond un o’r rhain all wneud hyn: ${named.map((n) => n.cy).join(', ')}`;
  return { cy, en: `Only ${enList} can do this` };
}
