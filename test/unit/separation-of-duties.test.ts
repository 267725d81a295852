import { describe, expect, it } from 'vitest';
import { separationOfDutiesRefusal } from '../../src/domain/separation-of-duties.js';

describe('separation of duties', () => {
  it('refuses the assessor as decider, and the decider as assessor', () => {
    expect(separationOfDutiesRefusal('ann', 'decide', { assess: ['ann', 'bryn'] })?.en).toBe('You cannot decide an application you assessed');
    expect(separationOfDutiesRefusal('ann', 'assess', { decide: ['ann'] })?.cy).toBe('Ni chewch asesu cais a benderfynwyd gennych');
  });

  it('refuses the verifier of a claim as approver of its payment', () => {
    expect(separationOfDutiesRefusal('ceri', 'approve_payment', { verify_claim: ['ceri'] })).toBeDefined();
  });

  it('allows a different person, and the same duty twice', () => {
    expect(separationOfDutiesRefusal('dai', 'decide', { assess: ['ann'] })).toBeUndefined();
    expect(separationOfDutiesRefusal('ann', 'assess', { assess: ['ann'] })).toBeUndefined();
  });
});
