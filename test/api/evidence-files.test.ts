import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLedgerEntries } from '../../src/finance/ledger.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { insertApplication } from '../support/cfp.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type WebSession } from '../support/people.js';

// Evidence files over the real app: whatever name and type the uploader gives, a file checked as a PDF
// (PNG, JPEG) is served as that type, under a name that cannot pass for anything else.

describe('evidence files', () => {
  let system: TestSystem;
  let member: WebSession;
  let caseworker: WebSession;
  let reference: string;
  const pdf = Buffer.from('%PDF-1.7\nanfoneb\n');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01]);

  beforeAll(async () => {
    system = await startTestSystem();
    const group = await createOrganisation(system.prisma);
    member = await signInOverHttp(system.url, await createPerson(system.prisma, { grants: [{ role: 'applicant_member', organisationId: group.id }] }));
    caseworker = await signInOverHttp(system.url, await createPerson(system.prisma, { grants: [{ role: 'caseworker' }] }));
    reference = 'CFP-2026-551001';
    await insertApplication(system.prisma, { reference, organisation: group, status: 'accepted' });
    await system.prisma.award.create({
      data: {
        applicationReference: reference,
        organisationId: group.id,
        amountPence: 300_000n,
        conditions: [],
        policyVersion: 'CFP-2024',
        decidedAt: new Date(),
        acceptedAt: new Date(),
        financialYear: 2026,
      },
    });
    await appendLedgerEntries(system.prisma, [
      {
        entryKey: `commitment:${reference}`,
        awardReference: reference,
        programme: 'CFP',
        financialYear: 2026,
        kind: 'commitment',
        amountPence: 300_000n,
        occurredAt: new Date(),
      },
    ]);
  });

  afterAll(() => system?.stop());

  const upload = (body: Buffer, type: string, fileName: string) =>
    fetch(`${system.url}/api/awards/${reference}/evidence?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { 'content-type': type, 'accept-language': 'en', ...sessionHeaders(member) },
      body,
    });
  const download = (id: string) => fetch(`${system.url}/api/awards/${reference}/evidence/${id}`, { headers: sessionHeaders(caseworker) });

  it('serves a PDF called invoice.html as a PDF download named .pdf, never as HTML', async () => {
    const uploaded = await upload(pdf, 'application/pdf', 'invoice.html');
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    const file = await download(id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename=invoice.pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('keeps a Welsh name readable, with an ASCII fallback, and the extension of the type checked', async () => {
    const uploaded = await upload(png, 'image/png', 'Llun o’r to – Tŷ Ŵyn');
    expect(uploaded.status).toBe(201);
    const file = await download(((await uploaded.json()) as { id: string }).id);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="Llun o_r to - Ty Wyn.png"; filename*=UTF-8''Llun%20o%E2%80%99r%20to%20_%20T%C5%B7%20%C5%B4yn.png`,
    );
  });

  it('refuses file names carrying bidirectional controls or control characters, keeping nothing', async () => {
    const before = await system.prisma.evidenceFile.count({ where: { awardReference: reference } });
    for (const fileName of [
      'invoice\u202Efdp.bat',
      'anfoneb\u2067.pdf',
      'a\u200Fb.pdf',
      'a\u061Cb.pdf',
      'a\u200Eb.pdf',
      'llinell\nnewydd.pdf',
      'tab\t.pdf',
      'del\u007F.pdf',
      'c1\u0085.pdf',
    ]) {
      const refused = await upload(Buffer.concat([pdf, Buffer.from(fileName)]), 'application/pdf', fileName);
      expect(refused.status, JSON.stringify(fileName)).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/file name/i);
    }
    expect(await system.prisma.evidenceFile.count({ where: { awardReference: reference } })).toBe(before);
  });

  it('serves a file kept before names were checked under a cleaned name and its checked type', async () => {
    const uploaded = await upload(Buffer.concat([pdf, Buffer.from('hen')]), 'application/pdf', 'hen.pdf');
    const { id } = (await uploaded.json()) as { id: string };
    // As an older upload left it: a right-to-left override in the name, and a type that was never checked.
    await system.prisma.evidenceFile.update({ where: { id }, data: { fileName: 'invoice\u202Efdp.bat', contentType: 'text/html' } });
    const file = await download(id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename=invoicefdp.pdf');
  });
});
