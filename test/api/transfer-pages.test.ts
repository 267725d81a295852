import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertAsset } from '../support/cat.js';
import { Browser, hiddenFields } from '../support/forms.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type TestPerson } from '../support/people.js';

// A group's transfer pages through HTTP, as a browser without JavaScript uses them: the registers and their
// search, asking for an asset, the case page and the group's own steps; what a refused form shows, and who
// may see what.

let system: TestSystem;
let council: { id: string; name: string };
let group: { id: string; name: string };
let lead: TestPerson;
let otherLead: TestPerson;
let officer: TestPerson;
let hallId: string;

/** A browser signed in as the person through the sign-in page, reading pages in `language`. */
async function signedIn(person: TestPerson, language: 'cy' | 'en' = 'en'): Promise<Browser> {
  const browser = new Browser(system.url, { cymuned_lang: language });
  const { response } = await browser.submit('/sign-in', '/sign-in', { email: person.email, password: person.password });
  expect(response.status).toBe(303);
  // The switcher, as a person uses it: their pages are in that language from then on.
  expect((await browser.open(`/?lang=${language}`)).response.status).toBe(303);
  return browser;
}

beforeAll(async () => {
  system = await startTestSystem();
  council = await createOrganisation(system.prisma, { name: 'Cyngor Sir Ceredigion', kind: 'public_body' });
  group = await createOrganisation(system.prisma, { name: 'Cymdeithas Neuadd Aberporth' });
  const otherGroup = await createOrganisation(system.prisma, { name: 'Clwb Rygbi Aberporth' });
  hallId = (await insertAsset(system.prisma, council.id, { name: 'Neuadd Goffa Aberporth' })).id;
  await insertAsset(system.prisma, council.id, { name: 'Cae Chwarae Aberporth', openSpace: true });
  lead = await createPerson(system.prisma, { name: 'Nia Jenkins', grants: [{ role: 'applicant_lead', organisationId: group.id }] });
  otherLead = await createPerson(system.prisma, { grants: [{ role: 'applicant_lead', organisationId: otherGroup.id }] });
  officer = await createPerson(system.prisma, { grants: [{ role: 'asset_officer', organisationId: council.id }] });
});

afterAll(() => system?.stop());

describe('the asset registers', () => {
  it('lists and searches the registers for anyone, in the page’s language', async () => {
    const visitor = new Browser(system.url, { cymuned_lang: 'cy' });
    const all = await visitor.open('/assets?q=Aberporth');
    expect(all.response.status).toBe(200);
    expect(all.html).toContain('Neuadd Goffa Aberporth');
    expect(all.html).toContain('Cae Chwarae Aberporth');
    expect(all.html).toContain('Cyngor Sir Ceredigion');

    const openSpace = await visitor.open('/assets?q=Aberporth&openSpace=true');
    expect(openSpace.html).toContain('Cae Chwarae Aberporth');
    expect(openSpace.html).not.toContain('Neuadd Goffa Aberporth');
    // A filter the form does not offer is no filter; nothing matching is said so.
    expect((await visitor.open('/assets?q=Aberporth&kind=castle')).html).toContain('Neuadd Goffa Aberporth');
    expect((await visitor.open('/assets?q=Tregaron')).html).toContain('Does dim ased yn cyfateb i’ch chwiliad.');

    const tooLong = await visitor.open(`/assets?q=${'a'.repeat(201)}`);
    expect(tooLong.response.status).toBe(422);
    expect(tooLong.html).toContain('govuk-error-summary');
    expect(tooLong.html).toContain('Mae’r testun hwn yn rhy hir');
  });

  it('shows an asset, and a page that is not there for an id that names none', async () => {
    const visitor = new Browser(system.url);
    const hall = await visitor.open(`/assets/${hallId}`);
    expect(hall.html).toContain('Neuadd Goffa Aberporth');
    expect(hall.html).toContain(`/sign-in?next=${encodeURIComponent(`/assets/${hallId}/transfer`)}`);
    expect((await visitor.open('/assets/not-an-id')).response.status).toBe(404);
    expect((await visitor.open('/assets/00000000-0000-4000-8000-000000000000')).response.status).toBe(404);
  });

  it('asks a visitor to sign in, and tells an officer they cannot ask, before the form', async () => {
    const visitor = await new Browser(system.url).open(`/assets/${hallId}/transfer`);
    expect(visitor.response.status).toBe(303);
    expect(visitor.response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/assets/${hallId}/transfer`)}`);
    expect((await (await signedIn(officer)).open(`/assets/${hallId}/transfer`)).response.status).toBe(403);
  });
});

describe('asking for an asset that is not on a register', () => {
  it('searches the registers by place as well as by name', async () => {
    const visitor = new Browser(system.url);
    const llanfair = await visitor.open('/assets?place=llanfair');
    expect(llanfair.html).toContain('Neuadd Goffa Aberporth');
    expect(llanfair.html).toContain('/assets/request');
    expect((await visitor.open('/assets?place=Tregaron')).html).toContain('No assets match your search.');
  });

  it('refuses an incomplete request, keeping what was typed, and adds nothing to the register', async () => {
    const browser = await signedIn(lead, 'cy');
    const before = await system.prisma.asset.count();
    const refused = await browser.submit('/assets/request', '/assets/request', { name: 'Hen Gapel Penparc', address: '', postcode: 'not a postcode' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('govuk-error-summary');
    for (const message of [
      'Dewiswch pwy sy’n berchen ar yr ased',
      'Rhowch gyfeiriad yr ased',
      'Rhowch god post go iawn',
      'Dewiswch beth yw’r ased',
      'Dywedwch a yw’r ased yn fan agored',
    ])
      expect(refused.html).toContain(message);
    expect(refused.html).toContain('value="Hen Gapel Penparc"');
    expect(await system.prisma.asset.count()).toBe(before);
  });

  it('puts the asset on its owner’s register as asked for, ready for the group to ask for its transfer', async () => {
    const browser = await signedIn(lead);
    const sent = await browser.submit('/assets/request', '/assets/request', {
      ownerOrganisationId: council.id,
      name: 'Hen Gapel Penparc',
      address: 'Heol y Capel, Penparc',
      postcode: 'sa43 1ab',
      kind: 'building',
      currentUse: 'Yn wag ers 2023',
      openSpace: 'no',
    });
    expect(sent.response.status).toBe(303);
    const location = sent.response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/assets\/[0-9a-f-]{36}\?asked=1$/);
    const asset = await system.prisma.asset.findFirstOrThrow({ where: { name: 'Hen Gapel Penparc' } });
    expect(asset).toMatchObject({ ownerOrganisationId: council.id, availability: 'requested', postcode: 'SA43 1AB', openSpace: false });
    const shown = await browser.open(location);
    expect(shown.html).toContain('You have asked for this asset');
    expect(shown.html).toContain(`/assets/${asset.id}/transfer`);
  });

  it('sends a visitor to sign in, and tells an officer they cannot ask', async () => {
    const visitor = await new Browser(system.url).open('/assets/request');
    expect(visitor.response.status).toBe(303);
    expect(visitor.response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/assets/request')}`);
    expect((await (await signedIn(officer)).open('/assets/request')).response.status).toBe(403);
  });
});

describe('a group’s transfer', () => {
  let reference: string;

  it('refuses an incomplete request, keeping what was typed, and starts nothing', async () => {
    const browser = await signedIn(lead);
    const before = await system.prisma.transfer.count();
    const refused = await browser.submit(`/assets/${hallId}/transfer`, `/assets/${hallId}/transfer`, { proposedUse: 'Canolfan gymunedol', message: '' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Write a message to the owner');
    expect(refused.html).toContain('Choose the language your group will work in');
    expect(refused.html).toContain('href="#language"');
    expect(refused.html).toContain('Canolfan gymunedol');
    expect(await system.prisma.transfer.count()).toBe(before);
  });

  it('starts a transfer and shows its case page, with what the group does next once invited', async () => {
    const browser = await signedIn(lead, 'cy');
    const started = await browser.submit(`/assets/${hallId}/transfer`, `/assets/${hallId}/transfer`, {
      proposedUse: 'Canolfan gymunedol i’r pentref',
      message: 'Hoffem gymryd y neuadd drosodd',
      language: 'cy',
    });
    expect(started.response.status).toBe(303);
    reference = started.response.headers.get('location')?.replace('/transfers/', '') ?? '';
    expect(reference).toMatch(/^CAT-/);
    const page = await browser.open(`/transfers/${reference}`);
    expect(page.html).toContain('Trosglwyddo Neuadd Goffa Aberporth');
    expect(page.html).toContain('moj-timeline');

    // The council invites the group to send its expression of interest (its officer, through the API).
    const session = await signInOverHttp(system.url, officer);
    const invited = await fetch(`${system.url}/api/transfers/${reference}/enquiry-response`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sessionHeaders(session) },
      body: JSON.stringify({ outcome: 'invite', reasons: 'Croeso' }),
    });
    expect(invited.status).toBe(200);
    const next = await browser.open(`/transfers/${reference}`);
    expect(next.html).toContain('Anfon mynegiant o ddiddordeb');
    expect(next.html).toContain(`href="/transfers/${reference}/expression-of-interest"`);
  });

  it('starts one transfer for two clicks on the button, and gives both the same answer', async () => {
    const asset = await insertAsset(system.prisma, council.id, { name: 'Hen Lyfrgell Aberporth' });
    const browser = await signedIn(lead);
    const action = `/assets/${asset.id}/transfer`;
    const hidden = hiddenFields((await browser.open(action)).html, action);
    const fields = { proposedUse: 'Llyfrgell gymunedol', message: 'Hoffem ei chadw ar agor', language: 'en' };
    // A double click without JavaScript: the same form, sent twice at once.
    const [first, second] = await Promise.all([browser.post(action, fields, hidden), browser.post(action, fields, hidden)]);
    expect([first.response.status, second.response.status]).toEqual([303, 303]);
    expect(second.response.headers.get('location')).toBe(first.response.headers.get('location'));
    expect([first, second].filter(({ response }) => response.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
    expect(await system.prisma.transfer.count({ where: { assetId: asset.id } })).toBe(1);
  });

  it('sends the expression of interest, asking for each document the body’s process needs', async () => {
    const browser = await signedIn(lead);
    const form = `/transfers/${reference}/expression-of-interest`;
    const refused = await browser.submit(form, form, { proposedUse: 'Canolfan gymunedol', communityBenefit: 'Lle i bawb' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Enter the title of your governing document');
    expect(refused.html).toContain('Lle i bawb');

    const sent = await browser.submit(form, form, {
      proposedUse: 'Canolfan gymunedol',
      communityBenefit: 'Lle i bawb',
      document_governing_document: 'Cyfansoddiad 2026',
    });
    expect(sent.response.status).toBe(303);
    expect(sent.response.headers.get('location')).toBe(`/transfers/${reference}`);
    const stored = await system.prisma.transfer.findUniqueOrThrow({ where: { reference } });
    expect(stored.status).toBe('initial_assessment');
    // Sent: the step is no longer the group's, and its form says why when opened again.
    const again = await browser.submit(form, form, { proposedUse: 'x', communityBenefit: 'y', document_governing_document: 'z' });
    expect(again.response.status).toBe(409);
  });

  it('lets only the group’s own members see its case and take its steps', async () => {
    const other = await signedIn(otherLead);
    expect((await other.open(`/transfers/${reference}`)).response.status).toBe(404);
    expect((await other.open(`/transfers/${reference}/withdrawal`)).response.status).toBe(404);
    const council = await signedIn(officer);
    expect((await council.open(`/transfers/${reference}`)).response.status).toBe(200);
    expect((await council.open(`/transfers/${reference}/withdrawal`)).response.status).toBe(403);
  });

  it('withdraws with a reason, after a page that says it cannot be undone', async () => {
    const browser = await signedIn(lead);
    const form = `/transfers/${reference}/withdrawal`;
    const confirm = await browser.open(form);
    expect(confirm.html).toContain('You cannot reopen a request once it is withdrawn.');
    const refused = await browser.submit(form, form, { reason: '  ' });
    expect(refused.response.status).toBe(422);
    expect(refused.html).toContain('Say why your group is withdrawing the request');
    const withdrawn = await browser.submit(form, form, { reason: 'Mae’r grŵp wedi dod o hyd i adeilad arall' });
    expect(withdrawn.response.status).toBe(303);
    const page = await browser.open(`/transfers/${reference}`);
    expect(page.html).toContain('Mae’r grŵp wedi dod o hyd i adeilad arall');
    expect(page.html).not.toContain(`href="/transfers/${reference}/withdrawal"`);
  });
});
