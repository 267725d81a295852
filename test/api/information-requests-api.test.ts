import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { testPolicy } from '../support/cfp.js';
import { CfpApiCases } from '../support/cfp-api.js';

// A caseworker's request for information over HTTP: it reopens the answers named, stops the stage's
// clock, and stays open until the group has given every answer asked for or the caseworker closes it.

describe('requests for information', () => {
  let system: TestSystem;
  let policy: CfpPolicy;
  let cases: CfpApiCases;

  beforeAll(async () => {
    policy = await testPolicy();
    system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
    cases = new CfpApiCases(system, policy);
    await cases.group();
    await cases.person('caseworker', [{ role: 'caseworker' }]);
  });

  afterAll(() => system?.stop());

  /** A case in assessment with a request for two answers open. */
  async function askedForTwo(): Promise<string> {
    const reference = await cases.start();
    await cases.toScreening(reference);
    await cases.toRecommendation(reference, { assessors: [] });
    await cases.step('caseworker', 'POST', `/api/applications/${reference}/information-requests`, {
      fields: ['deliveryPlan', 'sustainability'],
      message: 'Pryd fydd y gwaith yn dechrau, a phwy fydd yn talu’r biliau wedyn?',
    });
    return reference;
  }

  const read = async (who: string, reference: string) => (await cases.call(who, 'GET', `/api/applications/${reference}`)).json;
  const row = (reference: string) => system.prisma.application.findUniqueOrThrow({ where: { reference } });
  const types = async (reference: string) =>
    (await system.prisma.caseEvent.findMany({ where: { reference }, orderBy: { sequence: 'asc' } })).map((e) => e.type);

  it('stays open, with its clock stopped, until every answer asked for is given', async () => {
    const reference = await askedForTwo();
    const first = await cases.step('member', 'POST', `/api/applications/${reference}/information-requests/response`, {
      answers: { deliveryPlan: 'Dechrau ym mis Mai' },
      message: 'Y dyddiad; y biliau i ddilyn',
    });
    expect(first.status).toBe('assessment');
    const partly = await read('lead', reference);
    expect(partly).toMatchObject({
      informationRequest: { fields: ['deliveryPlan', 'sustainability'], answered: ['deliveryPlan'] },
      groupAction: { action: 'answer_information_request' },
      fullApplication: { deliveryPlan: 'Dechrau ym mis Mai' },
    });
    expect((await row(reference)).clockPaused).toBe(true);
    expect((await types(reference)).at(-1)).toBe('information.partly_provided');

    await cases.step('lead', 'POST', `/api/applications/${reference}/information-requests/response`, {
      answers: { sustainability: 'Bydd y paneli solar yn talu' },
      message: null,
    });
    const answered = await read('lead', reference);
    expect(answered).toMatchObject({ informationRequest: null, groupAction: null, fullApplication: { sustainability: 'Bydd y paneli solar yn talu' } });
    expect((await row(reference)).clockPaused).toBe(false);
    expect((await types(reference)).at(-1)).toBe('information.provided');
  });

  it('is closed by the caseworker, with a reason, whatever is still unanswered; the group may not close it', async () => {
    const reference = await askedForTwo();
    await cases.step('member', 'POST', `/api/applications/${reference}/information-requests/response`, {
      answers: { deliveryPlan: 'Dechrau ym mis Mai' },
      message: null,
    });
    const byGroup = await cases.call('lead', 'POST', `/api/applications/${reference}/information-requests/closure`, { reason: 'Wedi gorffen' });
    expect(byGroup.status).toBe(403);
    expect(byGroup.type).toContain('application/problem+json');
    const bad = await cases.call('caseworker', 'POST', `/api/applications/${reference}/information-requests/closure`, {});
    expect(bad.status).toBe(400);

    const closed = await cases.step('caseworker', 'POST', `/api/applications/${reference}/information-requests/closure`, {
      reason: 'Cawsom yr ateb arall dros y ffôn',
    });
    expect(closed.status).toBe('assessment');
    expect(await read('lead', reference)).toMatchObject({ informationRequest: null, groupAction: null });
    expect((await row(reference)).clockPaused).toBe(false);
    const event = await system.prisma.caseEvent.findFirstOrThrow({ where: { reference, type: 'information.request_closed' } });
    expect(event.payload).toMatchObject({ outstanding: ['sustainability'], reason: 'Cawsom yr ateb arall dros y ffôn' });
    // The group is told, in its own words.
    const timeline = (await cases.call('lead', 'GET', `/api/applications/${reference}/timeline`)).json.timeline as { type: string; summary: string }[];
    expect(timeline.at(-1)).toMatchObject({ type: 'information.request_closed', summary: 'The case officer closed the request for information' });

    // Nothing is open any more: neither an answer nor a second closure.
    expect(
      (await cases.call('member', 'POST', `/api/applications/${reference}/information-requests/response`, { answers: { sustainability: 'Hwyr' } })).status,
    ).toBe(409);
    const again = await cases.call('caseworker', 'POST', `/api/applications/${reference}/information-requests/closure`, { reason: 'Eto' });
    expect({ status: again.status, detail: again.json.detail }).toEqual({ status: 409, detail: 'There is no open request for information' });
  });
});
