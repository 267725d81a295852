import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CfpApplicationState } from '../../src/workflows/cfp-application.messages.js';
import type { ClaimState } from '../../src/workflows/claim.messages.js';
import { CfpPolicyCatalogue } from '../../src/programmes/cfp-policy.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { testPolicy } from '../support/cfp.js';
import { hiddenFields, signedInBrowser, type Browser } from '../support/forms.js';
import { eventually } from '../support/http.js';
import { claimAwaitingEvidence, invitedCase, laterCfpCast, offeredCase, type LaterCfpCast } from '../support/later-cfp.js';

// The group's later pages on a CFP application through HTTP, as a browser without JavaScript uses them:
// the full application a question at a time, match funding a source at a time, a request for information
// opening only what was asked, the offer accepted or declined by the lead alone, and more evidence for a claim.

let system: TestSystem;
let cast: LaterCfpCast;
let lead: Browser;
let member: Browser;

beforeAll(async () => {
  const policy = await testPolicy();
  system = await startTestSystem({ cfpPolicies: new CfpPolicyCatalogue([policy]) });
  cast = await laterCfpCast(system, policy);
  lead = await signedInBrowser(system.url, cast.lead);
  member = await signedInBrowser(system.url, cast.member);
});

afterAll(() => system?.stop());

const snapshot = async (reference: string) =>
  (await system.prisma.application.findUniqueOrThrow({ where: { reference } })).snapshot as unknown as CfpApplicationState;

/** Opens the form's page and posts it with its hidden fields. */
async function send(browser: Browser, page: string, action: string, fields: Record<string, string>) {
  return browser.submit(page, action, fields);
}

describe('the full application', () => {
  it('saves each answer, takes match funding in exact pence a source at a time, and is sent by the lead only', async () => {
    const reference = await invitedCase(cast);
    const base = `/applications/${reference}/full-application`;
    const tasks = await member.open(base);
    expect(tasks.response.status).toBe(200);
    const due = (await snapshot(reference)).fullApplicationDueAt;
    expect(due).not.toBeNull();
    expect(tasks.html).toContain('Send your full application by');
    expect(tasks.html).toContain('Not yet started');

    // Nothing typed: the question is asked again, with the error summary and the error beside the field.
    const empty = await send(member, `${base}/community-need`, `${base}/community-need`, { answer: '  ' });
    expect(empty.response.status).toBe(422);
    expect(empty.html).toContain('govuk-error-summary');
    expect(empty.html).toContain('href="#answer"');
    expect(empty.html).toContain('Say what need the project will meet');

    const saved = await send(member, `${base}/community-need`, `${base}/community-need`, { answer: 'Dyma’r unig le cyfarfod yn y pentref.' });
    expect(saved.response.status).toBe(303);
    expect(saved.response.headers.get('location')).toBe(base);
    expect((await snapshot(reference)).fullApplication.communityNeed).toBe('Dyma’r unig le cyfarfod yn y pentref.');
    expect((await member.open(`${base}/community-need`)).html).toContain('Dyma’r unig le cyfarfod yn y pentref.');

    // Match funding: a wrong amount keeps what was typed; two sources added, one removed, in exact pence.
    const funding = `${base}/match-funding`;
    const badAmount = await send(member, funding, funding, { intent: 'add', source: 'Cronfa’r Loteri', amount: '12.345', secured: 'yes', inKind: 'no' });
    expect(badAmount.response.status).toBe(422);
    expect(badAmount.html).toContain('Enter an amount in pounds, like 1250.00');
    expect(badAmount.html).toContain('value="Cronfa’r Loteri"');
    expect(badAmount.html).toContain('value="12.345"');
    const noAnswers = await send(member, funding, funding, { intent: 'add', source: 'Cronfa’r Loteri', amount: '100' });
    expect(noAnswers.response.status).toBe(422);
    expect(noAnswers.html).toContain('href="#secured"');
    expect(noAnswers.html).toContain('href="#inKind"');
    expect(
      (await send(member, funding, funding, { intent: 'add', source: 'Cronfa’r Loteri', amount: '£1,250.05', secured: 'yes', inKind: 'no' })).response.status,
    ).toBe(303);
    expect(
      (await send(member, funding, funding, { intent: 'add', source: 'Gwirfoddolwyr', amount: '300', secured: 'no', inKind: 'yes' })).response.status,
    ).toBe(303);
    expect((await snapshot(reference)).fullApplication.matchFunding).toEqual([
      { source: 'Cronfa’r Loteri', pence: 125_005, secured: true, inKind: false },
      { source: 'Gwirfoddolwyr', pence: 30_000, secured: false, inKind: true },
    ]);
    const list = await member.open(funding);
    expect(list.html).toContain('£1,250.05');
    expect(list.html).toContain('Add another source');
    // The first form on the page removes the first source: its place and name are its hidden fields.
    expect((await member.post(funding, { intent: 'remove' }, hiddenFields(list.html, funding))).response.status).toBe(303);
    expect((await snapshot(reference)).fullApplication.matchFunding).toEqual([{ source: 'Gwirfoddolwyr', pence: 30_000, secured: false, inKind: true }]);

    // A member is told who sends it; the lead is told what is still unanswered, on the check page.
    const checkMember = await member.open(`${base}/check`);
    expect(checkMember.html).toContain('Only the group’s lead can send the full application');
    expect(checkMember.html).not.toContain(`action="${base}/submission"`);
    const early = await send(lead, `${base}/check`, `${base}/submission`, {});
    expect(early.response.status).toBe(422);
    expect(early.html).toContain('Answer every question before sending');
    expect(early.html).toContain('href="#send"');

    for (const [slug, answer] of [
      ['project-description', 'To newydd a phaneli solar.'],
      ['local-use', 'Bob dydd gan ddeuddeg grŵp.'],
      ['delivery-plan', 'Contractwr lleol, deuddeg wythnos.'],
      ['sustainability', 'Bydd y paneli’n haneru’r biliau.'],
    ] as const) {
      expect((await send(member, `${base}/${slug}`, `${base}/${slug}`, { answer })).response.status).toBe(303);
    }
    const ready = await lead.open(`${base}/check`);
    expect(ready.html).toContain('Bob dydd gan ddeuddeg grŵp.');
    expect(ready.html).toContain('Gwirfoddolwyr: £300.00');
    const sent = await lead.post(`${base}/submission`, {}, hiddenFields(ready.html, `${base}/submission`));
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe(`/applications/${reference}`);
    expect((await snapshot(reference)).status).toBe('assessment');
  });
});

describe('answering a request for information', () => {
  it('opens only the answers asked for, keeps what was typed when refused, and sends the response', async () => {
    // Invited, the full application sent over the API, and in assessment.
    const reference = await cast.cases.start();
    await cast.cases.toScreening(reference);
    await cast.cases.toRecommendation(reference, { assessors: [] });
    await cast.cases.step('caseworker', 'POST', `/api/applications/${reference}/information-requests`, {
      fields: ['deliveryPlan', 'requestedPence'],
      message: 'Pryd fydd y gwaith yn dechrau, a faint yn union ydych chi’n gofyn amdano?',
    });
    const path = `/applications/${reference}/information-request`;
    const page = await member.open(path);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('Pryd fydd y gwaith yn dechrau');
    expect(page.html).toContain('Answer by');
    expect(page.html).toContain('name="deliveryPlan"');
    expect(page.html).toContain('name="requestedPence"');
    for (const notAsked of ['projectDescription', 'communityNeed', 'localUse', 'sustainability', 'projectSummary', 'matchFunding']) {
      expect(page.html).not.toContain(`name="${notAsked}"`);
    }
    // The current answers are there to change.
    expect(page.html).toContain('Contractwr lleol, 12 wythnos');
    expect(page.html).toContain('20000.00');

    const refused = await member.post(path, { deliveryPlan: 'Dechrau ym mis Mai', requestedPence: 'ugain mil', message: '' }, hiddenFields(page.html, path));
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('href="#requestedPence"');
    expect(refused.html).toContain('Dechrau ym mis Mai');
    expect((await snapshot(reference)).informationRequest?.answered ?? []).toEqual([]);

    // A field the page did not open is not taken, whatever the form sends.
    const answered = await member.post(
      path,
      { deliveryPlan: 'Dechrau ym mis Mai', requestedPence: '19,500.50', sustainability: 'Heb ei ofyn', message: 'Dyma’r ddau ateb' },
      hiddenFields(refused.html, path),
    );
    expect(answered.response.status).toBe(303);
    const after = await snapshot(reference);
    expect(after.informationRequest).toBeNull();
    expect(after.fullApplication.deliveryPlan).toBe('Dechrau ym mis Mai');
    expect(after.fullApplication.sustainability).toBe('Bydd y paneli solar yn torri’r biliau ynni o hanner.');
    expect(after.eoi.requestedPence).toBe(1_950_050);
  });
});

describe('match funding asked about again', () => {
  it('shows the sources as rows, adds a row without a script, and sends them all as the answer', async () => {
    const reference = await cast.cases.start();
    await cast.cases.toScreening(reference);
    await cast.cases.toRecommendation(reference, { assessors: [] });
    await cast.cases.step('caseworker', 'POST', `/api/applications/${reference}/information-requests`, {
      fields: ['matchFunding'],
      message: 'A yw arian y Loteri wedi ei sicrhau erbyn hyn?',
    });
    const path = `/applications/${reference}/information-request`;
    const page = await lead.open(path);
    expect(page.html).toContain('value="Cronfa’r Loteri Genedlaethol"');
    expect(page.html).toContain('value="5000.00"');
    expect(page.html).toContain('name="source-1"');
    expect(page.html).not.toContain('name="source-2"');
    expect(page.html).not.toContain('name="deliveryPlan"');

    const typed = {
      rows: '2',
      'source-0': 'Cronfa’r Loteri Genedlaethol',
      'amount-0': '5000.00',
      'secured-0': 'yes',
      'inKind-0': 'no',
      'source-1': 'Cyngor Sir Ynys Môn',
    };
    const more = await lead.post(path, { ...typed, intent: 'addRow' }, hiddenFields(page.html, path));
    expect(more.response.status).toBe(200);
    expect(more.html).toContain('name="source-2"');
    expect(more.html).toContain('value="Cyngor Sir Ynys Môn"');

    const refused = await lead.post(path, { ...typed, rows: '3', 'amount-1': 'mil', intent: 'send' }, hiddenFields(more.html, path));
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('href="#amount-1"');
    expect(refused.html).toContain('href="#secured-1"');
    expect(refused.html).toContain('value="Cyngor Sir Ynys Môn"');
    expect((await snapshot(reference)).informationRequest).not.toBeNull();

    // The first row emptied, the second filled in: the answer is the second alone.
    const sent = await lead.post(
      path,
      {
        rows: '3',
        'source-0': '',
        'amount-0': '',
        'secured-0': 'yes',
        'source-1': 'Cyngor Sir Ynys Môn',
        'amount-1': '1,000',
        'secured-1': 'yes',
        'inKind-1': 'no',
        intent: 'send',
      },
      hiddenFields(refused.html, path),
    );
    expect(sent.response.status).toBe(303);
    const after = await snapshot(reference);
    expect(after.informationRequest).toBeNull();
    expect(after.fullApplication.matchFunding).toEqual([{ source: 'Cyngor Sir Ynys Môn', pence: 100_000, secured: true, inKind: false }]);
  });
});

describe('the offer', () => {
  it('shows the letter and its PDF to a member, who cannot accept it; the lead accepts with the declaration', async () => {
    const reference = await offeredCase(cast);
    const path = `/applications/${reference}/offer`;
    const seen = await member.open(path);
    expect(seen.response.status).toBe(200);
    expect(seen.html).toContain(cast.group.name);
    expect(seen.html).toContain('Work must start within six months');
    expect(seen.html).toContain('£18,000.00');
    expect(seen.html).toContain('Only the group’s lead can accept or decline the offer');
    expect(seen.html).not.toContain(`action="${path}/acceptance"`);

    const pdf = await member.open(`${path}.pdf`);
    expect(pdf.response.status).toBe(200);
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.response.headers.get('content-disposition')).toMatch(/^attachment; filename="?CFP-\d{4}-\d{6}-offer\.pdf"?$/);
    expect(pdf.html.startsWith('%PDF-')).toBe(true);

    // A member who sends the form anyway is refused by the case itself.
    const form = await lead.open(path);
    const byMember = await member.post(`${path}/acceptance`, { declaration: 'yes', signatoryName: 'Huw Aelod' }, hiddenFields(form.html, `${path}/acceptance`));
    expect(byMember.response.status).toBe(403);
    expect((await snapshot(reference)).status).toBe('offered');

    const noDeclaration = await lead.post(`${path}/acceptance`, { signatoryName: 'Gwen Arweinydd' }, hiddenFields(form.html, `${path}/acceptance`));
    expect(noDeclaration.response.status).toBe(422);
    expect(noDeclaration.html).toContain('Tick the declaration to accept the offer');
    expect(noDeclaration.html).toContain('href="#declaration"');
    expect(noDeclaration.html).toContain('value="Gwen Arweinydd"');

    const accepted = await lead.post(
      `${path}/acceptance`,
      { declaration: 'yes', signatoryName: 'Gwen Arweinydd' },
      hiddenFields(noDeclaration.html, `${path}/acceptance`),
    );
    expect(accepted.response.status).toBe(303);
    expect(accepted.response.headers.get('location')).toBe(`/applications/${reference}`);
    expect((await snapshot(reference)).status).toBe('accepted');
  });

  it('is declined by the lead with a reason, once confirmed; a member is told only the lead can', async () => {
    const reference = await offeredCase(cast);
    const decline = `/applications/${reference}/offer/decline`;
    const byMember = await member.open(decline);
    expect(byMember.response.status).toBe(403);
    expect(byMember.html).toContain('Only the group’s lead can decline the offer');

    const noReason = await send(lead, decline, decline, { reason: '' });
    expect(noReason.response.status).toBe(422);
    expect(noReason.html).toContain('Say why the group is declining the offer');
    const confirm = await lead.post(decline, { reason: 'Mae’r cyngor wedi cynnig yr adeilad am ddim' }, hiddenFields(noReason.html, decline));
    expect(confirm.response.status).toBe(200);
    expect(confirm.html).toContain('Are you sure you want to decline the offer?');
    expect(confirm.html).toContain('Mae’r cyngor wedi cynnig yr adeilad am ddim');
    expect((await snapshot(reference)).status).toBe('offered');

    const declined = await lead.post(`${decline}/confirmation`, {}, hiddenFields(confirm.html, `${decline}/confirmation`));
    expect(declined.response.status).toBe(303);
    const after = await snapshot(reference);
    expect(after.status).toBe('offer_declined');
    expect(after.closingReason).toBe('Mae’r cyngor wedi cynnig yr adeilad am ddim');
  });
});

describe('more evidence for a claim', () => {
  it('is linked from the award, asks for a real file, and adds it to the line asked about', async () => {
    const reference = await offeredCase(cast, 1_500_000);
    await cast.cases.step('lead', 'POST', `/api/applications/${reference}/offer/acceptance`, { declaration: true, signatoryName: 'Gwen Arweinydd' });
    await claimAwaitingEvidence(cast, reference);
    const path = `/awards/${reference}/claims/1/evidence`;
    const award = await member.open(`/awards/${reference}`);
    expect(award.html).toContain(`href="${path}"`);

    const page = await member.open(path);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('Anfonwch yr anfoneb gan y töwr');
    expect(page.html).toContain('Llechi to');
    const hidden = hiddenFields(page.html, path);
    const pdf = { field: 'evidence', name: 'anfoneb-toi.pdf', type: 'application/pdf', content: new TextEncoder().encode('%PDF-1.7\nanfoneb\n') };

    const noFile = await member.postWithFile(path, {}, { ...pdf, content: new Uint8Array() }, hidden);
    expect(noFile.response.status).toBe(422);
    expect(noFile.html).toContain('Choose the evidence file');
    expect(noFile.html).toContain('href="#evidence"');
    const notPdf = await member.postWithFile(path, {}, { ...pdf, content: new TextEncoder().encode('<html>nid pdf</html>') }, hiddenFields(noFile.html, path));
    expect(notPdf.response.status).toBe(422);
    expect(notPdf.html).toContain('Evidence must be a real PDF, PNG or JPEG file');

    const sent = await member.postWithFile(path, {}, pdf, hiddenFields(notPdf.html, path));
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe(`/awards/${reference}?evidence=1`);
    const claim = await eventually(async () => {
      const row = await system.prisma.claim.findUniqueOrThrow({ where: { id: `${reference}/C1` } });
      return row.status === 'submitted' ? (row.snapshot as unknown as ClaimState) : undefined;
    });
    expect(claim.lines[0]?.evidenceFileIds).toHaveLength(1);
    expect((await member.open(`/awards/${reference}?evidence=1`)).html).toContain('The evidence is sent.');
    // Nothing more is asked: the page says so rather than offering the form.
    expect((await member.open(path)).response.status).toBe(409);
  });
});
