import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { expectedPaymentDate } from '../../src/finance/payments/bacs-calendar.js';
import { bacsPayeeName, isBacsReference } from '../../src/finance/payments/bacs-text.js';
import { bankFileCsv, csvField, poundsOf } from '../../src/finance/payments/bank-file.js';
import { remittanceMessage } from '../../src/notifications/remittance-message.js';

describe('the bank file of a payment run', () => {
  it('writes the header, one row per payment and CRLF line ends', () => {
    const csv = bankFileCsv([
      { payeeName: 'Neuadd Bentref Aberffraw', sortCode: '123456', accountNumber: '12345678', amountPence: 123_456n, reference: 'CYMCFP2026000001C1' },
      { payeeName: 'Clwb Pêl-droed', sortCode: '65-43-21', accountNumber: '8765 4321', amountPence: 1, reference: 'CYMCFP2026000002C1' },
    ]);
    expect(csv).toBe(
      'payee_name,sort_code,account_number,amount,reference\r\n' +
        'NEUADD BENTREF ABE,12-34-56,12345678,1234.56,CYMCFP2026000001C1\r\n' +
        'CLWB PEL-DROED,65-43-21,87654321,0.01,CYMCFP2026000002C1\r\n',
    );
  });

  it('quotes commas, double quotes and line breaks as RFC 4180 says, should a field ever hold one', () => {
    expect(csvField('Cymdeithas Gŵyl Ŷd, Llanfair')).toBe('"Cymdeithas Gŵyl Ŷd, Llanfair"');
    expect(csvField('Y "Neuadd"')).toBe('"Y ""Neuadd"""');
    expect(csvField('llinell\r\nnewydd')).toBe('"llinell\r\nnewydd"');
    expect(csvField('Côr Meibion Tŷ’r Ysgol')).toBe('Côr Meibion Tŷ’r Ysgol');
  });

  it('writes payee names and references only in the Bacs character set and lengths, Welsh letters transliterated', () => {
    const payees = [
      'Cymdeithas Gŵyl Ŷd, Llanfair',
      'Y "Neuadd", Tŷ Croes',
      'Côr\nMeibion',
      'Tŷ’r Ysgol & Capel/Eglwys',
      'Ŵyn â ŷd ê î ô û ẁ ỳ ä',
      'Łódź Straße Æsir',
    ];
    const csv = bankFileCsv(
      payees.map((payeeName, i) => ({ payeeName, sortCode: '11-22-33', accountNumber: '00012345', amountPence: 1000 + i, reference: `CYMREF${i}` })),
    );
    expect(csv).not.toMatch(/"/);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.payee_name)).toEqual([
      'CYMDEITHAS GWYL YD',
      'Y NEUADD TY CROES',
      'COR MEIBION',
      'TYR YSGOL & CAPEL/',
      'WYN A YD E I O U W',
      'LODZ STRASSE AESIR',
    ]);
    expect(rows.map((row) => row.amount)).toEqual(['10.00', '10.01', '10.02', '10.03', '10.04', '10.05']);
    expect(rows[0]).toMatchObject({ sort_code: '11-22-33', account_number: '00012345', reference: 'CYMREF0' });
  });

  it('writes pence as pounds exactly', () => {
    expect(poundsOf(1)).toBe('0.01');
    expect(poundsOf(10)).toBe('0.10');
    expect(poundsOf(100)).toBe('1.00');
    expect(poundsOf(123_456)).toBe('1234.56');
    expect(poundsOf(123_456n)).toBe('1234.56');
    expect(poundsOf(900_719_925_474_099_100n)).toBe('9007199254740991.00');
    expect(() => poundsOf(0)).toThrow(RangeError);
    expect(() => poundsOf(-5)).toThrow(RangeError);
    expect(() => poundsOf(1.5)).toThrow(RangeError);
  });

  it('refuses a row the bank could not pay', () => {
    const row = { payeeName: 'Grŵp', sortCode: '12-34-56', accountNumber: '12345678', amountPence: 100, reference: 'CYMX' };
    expect(() => bankFileCsv([{ ...row, sortCode: '12-34-5' }])).toThrow(/sort code/);
    expect(() => bankFileCsv([{ ...row, accountNumber: '1234567' }])).toThrow(/account number/);
    expect(() => bankFileCsv([{ ...row, amountPence: 0 }])).toThrow(RangeError);
    expect(bankFileCsv([])).toBe('payee_name,sort_code,account_number,amount,reference\r\n');
  });
});

describe('what Bacs carries', () => {
  it('refuses a payee name that would start a formula or has nothing left, giving the reason in Welsh and English', () => {
    for (const name of ['=HYPERLINK("http://x","y")', '+44', '-1', '@A1', '\t=1', '–Neuadd']) {
      expect(bacsPayeeName(name)).toEqual({
        ok: false,
        reason: { cy: 'Ni all yr enw ar y cyfrif ddechrau gydag =, +, - neu @', en: 'The name on the account cannot begin with =, +, - or @' },
      });
    }
    expect(bacsPayeeName('’’ !! ’’')).toMatchObject({
      ok: false,
      reason: { en: 'The name on the account has no letters or digits that a bank payment can carry' },
    });
    expect(bacsPayeeName('  Neuadd  Bentref  ')).toEqual({ ok: true, value: 'NEUADD BENTREF' });
    // Cut at 18, never leaving a space at the end.
    expect(bacsPayeeName('Cyngor Cymuned Aber Ffraw')).toEqual({ ok: true, value: 'CYNGOR CYMUNED ABE' });
    expect(bacsPayeeName('Neuadd Bentref 12 Llan')).toEqual({ ok: true, value: 'NEUADD BENTREF 12' });
  });

  it('keeps references to its characters and 18 of them', () => {
    expect(isBacsReference('CYM2026000001C1')).toBe(true);
    expect(isBacsReference('CYM-2026/01 & .')).toBe(true);
    for (const reference of ['', 'cym2026', 'CYM2026000001C12345', '=CYM', '-CYM', 'CYM,1', ' CYM']) expect(isBacsReference(reference), reference).toBe(false);
    const row = { payeeName: 'Grŵp', sortCode: '12-34-56', accountNumber: '12345678', amountPence: 100 };
    expect(() => bankFileCsv([{ ...row, reference: '=HYPERLINK()' }])).toThrow(/reference/);
    expect(() => bankFileCsv([{ ...row, payeeName: '=HYPERLINK()', reference: 'CYMX' }])).toThrow(/cannot begin/);
  });
});

describe('when a run’s payments should arrive', () => {
  it('is the third working day of the Bacs cycle, in Wales', () => {
    // Monday -> Wednesday; Thursday -> Monday; a Saturday run goes in on Monday -> Wednesday.
    expect(expectedPaymentDate(new Date('2026-06-01T09:00:00Z'))).toBe('2026-06-03');
    expect(expectedPaymentDate(new Date('2026-06-04T15:00:00Z'))).toBe('2026-06-08');
    expect(expectedPaymentDate(new Date('2026-06-06T10:00:00Z'))).toBe('2026-06-10');
    // 23:30 UTC on Sunday 31 May is already Monday 1 June in Wales (BST).
    expect(expectedPaymentDate(new Date('2026-05-31T23:30:00Z'))).toBe('2026-06-03');
  });
});

describe('remittance notices', () => {
  const remittance = {
    awardReference: 'CFP-2026-000001',
    claimId: 'CFP-2026-000001/C1',
    amountPence: 123_456n,
    bankReference: 'CYMCFP2026000001C1',
    expectedDate: '2026-06-04',
  };

  it('are written in the recipient’s language', () => {
    const cy = remittanceMessage(remittance, { name: 'Gwen', language: 'cy' });
    expect(cy.subject).toBe('CFP-2026-000001: taliad o £1,234.56 ar ei ffordd');
    expect(cy.body).toContain('Helo Gwen,');
    expect(cy.body).toContain('Disgwylir yn eich cyfrif erbyn: Dydd Iau, 4 Mehefin 2026');
    expect(cy.body).toContain('Hawliad: CFP-2026-000001/C1');
    const en = remittanceMessage(remittance, { name: 'Tom', language: 'en' });
    expect(en.subject).toBe('CFP-2026-000001: payment of £1,234.56 on its way');
    expect(en.body).toContain('Expected in your account by: Thursday, 4 June 2026');
    expect(en.body).toContain('Reference on your bank statement: CYMCFP2026000001C1');
  });
});
