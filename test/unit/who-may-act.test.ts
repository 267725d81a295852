import { describe, expect, it } from 'vitest';
import { onlyRolesMay, roleAsActor } from '../../src/domain/who-may-act.js';
import { roles } from '../../src/domain/roles.js';

describe('who may act, in a refusal', () => {
  it('names one role, two, or the whole group, in Welsh and English', () => {
    expect(onlyRolesMay(['applicant_lead'])).toEqual({ cy: 'Dim ond arweinydd y grŵp all wneud hyn', en: 'Only the group’s lead can do this' });
    expect(onlyRolesMay(['caseworker', 'administrator'])).toEqual({
      cy: 'Dim ond un o’r rhain all wneud hyn: gweithiwr achos, gweinyddwr',
      en: 'Only a caseworker or an administrator can do this',
    });
    expect(onlyRolesMay(['applicant_member', 'applicant_lead', 'caseworker']).en).toBe('Only a member of the group or a caseworker can do this');
  });

  it('has words for every role', () => {
    for (const role of roles) expect(roleAsActor[role].cy && roleAsActor[role].en).toBeTruthy();
  });
});
