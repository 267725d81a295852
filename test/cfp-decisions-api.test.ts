import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfpPolicy } from '../src/domain/cfp/policy.js';
import { loadCfpPolicies } from '../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from './support/app.js';
import { CfpApiCases } from './support/cfp-api.js';

// Who may decide a CFP award, over HTTP against the programme's real policy file (the version in force
// today): delegated authority up to each approver's limit as far as the policy lets approvers decide, the
// panel above that.

describe('CFP decisions API', () => {
  let system: TestSystem;
  let policy: CfpPolicy;
  let cases: CfpApiCases;

  beforeAll(async () => {
    const policies = await loadCfpPolicies();
    policy = policies.effectiveAt(new Date());
    system = await startTestSystem({ cfpPolicies: policies });
    cases = new CfpApiCases(system, policy);
    await cases.group();
    await cases.person('caseworker', [{ role: 'caseworker' }]);
    await cases.person('assessorA', [{ role: 'assessor' }]);
    await cases.person('assessorB', [{ role: 'assessor' }]);
    // As the development seed has them (README): £25,000 and £100,000.
    await cases.person('approver25k', [{ role: 'approver', delegatedLimitPence: 2_500_000n }]);
    await cases.person('approver100k', [{ role: 'approver', delegatedLimitPence: 10_000_000n }]);
    await cases.person('panel', [{ role: 'panel_member' }]);
  });

  afterAll(() => system?.stop());

  it('lets an approver decide up to their own limit where the policy allows it, and sends larger awards to the panel', async () => {
    const large = await cases.start();
    await cases.toScreening(large, { answers: { requestedPence: 6_000_000, totalCostPence: 7_000_000 } });
    await cases.toDecision(large, 6_000_000);
    const beyondLimit = await cases.decide('approver25k', large, 6_000_000);
    expect({ status: beyondLimit.status, detail: beyondLimit.json.detail }).toEqual({ status: 403, detail: '£60,000.00 is beyond your delegated authority' });
    const approved = await cases.decide('approver100k', large, 6_000_000);
    expect({ status: approved.status, body: approved.json }).toMatchObject({ status: 200, body: { status: 'offered' } });

    const larger = await cases.start();
    await cases.toScreening(larger, { answers: { requestedPence: 15_000_000, totalCostPence: 20_000_000 } });
    await cases.toDecision(larger, 15_000_000);
    const toPanel = await cases.decide('approver100k', larger, 15_000_000);
    expect({ status: toPanel.status, detail: toPanel.json.detail }).toEqual({ status: 403, detail: 'Awards over £100,000.00 go to the panel' });
    expect((await cases.decide('panel', larger, 15_000_000)).json).toMatchObject({ status: 'offered' });
    // The figure the README gives.
    expect(policy.delegatedAuthority.approverMaxPence).toBe(10_000_000);
  });
});
