import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { loadCfpPolicies } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { CfpApiCases } from '../support/cfp-api.js';

// Who may decide a CFP award, over HTTP against the programme's real policy file (the version in force
// today): delegated authority up to each approver's limit as far as the policy lets approvers decide, the
// panel above that; and the per-organisation cap, which that version applies by refusing.

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

  let pastAward = 0;
  /** Awards the group accepted earlier, within the cap's period. */
  async function pastAwards(organisationId: string, count: number, amountPence = 2_000_000) {
    for (let i = 0; i < count; i++) {
      const acceptedAt = new Date(Date.now() - (i + 1) * 100 * 24 * 3600_000);
      await system.prisma.award.create({
        data: {
          applicationReference: `CFP-2025-${String(700_000 + ++pastAward).padStart(6, '0')}`,
          organisationId,
          amountPence: BigInt(amountPence),
          conditions: [],
          policyVersion: 'CFP-2024',
          decidedAt: acceptedAt,
          acceptedAt,
        },
      });
    }
  }

  const eventCount = (reference: string) => system.prisma.caseEvent.count({ where: { reference } });

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

  it('refuses to invite a group past the per-organisation cap, and tells the caseworker why', async () => {
    expect(policy.organisationCap).toMatchObject({ maxAwards: 3, periodYears: 3, whenExceeded: 'refuse' });
    const group = await cases.group('capped-');
    await pastAwards(group.id, 3);
    const reference = await cases.start('capped-');
    await cases.toScreening(reference, { prefix: 'capped-' });
    const screening = (await cases.call('caseworker', 'GET', `/api/applications/${reference}`)).json.screening as {
      automatic: { reasons: { code: string; met: boolean }[] };
    };
    expect(screening.automatic.reasons.find((r) => r.code === 'organisation_cap')).toMatchObject({ met: false });

    const before = await eventCount(reference);
    const invited = await cases.call('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    expect({ status: invited.status, type: invited.type, detail: invited.json.detail }).toEqual({
      status: 409,
      type: expect.stringContaining('application/problem+json'),
      detail:
        'The group has had 3 awards (£60,000.00) in the last 3 years, and £20,000.00 more would pass the cap: a group cannot receive more than 3 awards or more than £300,000.00 in any 3 years. Decline the expression of interest instead.',
    });
    const cymraeg = await cases.call(
      'caseworker',
      'POST',
      `/api/applications/${reference}/screening`,
      { outcome: 'invite', reasons: 'Yn gymwys' },
      { 'accept-language': 'cy' },
    );
    expect(cymraeg.json.detail).toMatch(/^Mae’r grŵp wedi cael 3 dyfarniad/);
    expect(await eventCount(reference)).toBe(before);
    expect(
      (await cases.step('caseworker', 'POST', `/api/applications/${reference}/screening`, { outcome: 'decline', reasons: 'Terfyn y rhaglen' })).status,
    ).toBe('eoi_declined');
  });

  it('refuses to approve an award that would pass the cap because of awards made since the invitation', async () => {
    const group = await cases.group('nearly-');
    await pastAwards(group.id, 2);
    const reference = await cases.start('nearly-');
    await cases.toScreening(reference, { prefix: 'nearly-' });
    await cases.toDecision(reference, 2_000_000, { prefix: 'nearly-' });
    // A third award lands while this one waits for its decision.
    await pastAwards(group.id, 1);
    const before = await eventCount(reference);
    const refused = await cases.decide('approver25k', reference, 2_000_000);
    expect({ status: refused.status, detail: refused.json.detail }).toEqual({
      status: 409,
      detail: expect.stringMatching(/^The group has had 3 awards \(£60,000\.00\) in the last 3 years, .* It cannot be approved\.$/),
    });
    expect((await cases.decide('panel', reference, 2_000_000)).status).toBe(409);
    expect(await eventCount(reference)).toBe(before);
    // Rejecting it is still a decision anyone with the authority may make.
    const rejected = await cases.call('approver25k', 'POST', `/api/applications/${reference}/decisions`, {
      outcome: 'reject',
      amountPence: null,
      conditions: [],
      reasons: 'Terfyn y rhaglen',
    });
    expect(rejected.json).toMatchObject({ status: 'rejected' });
  });
});
