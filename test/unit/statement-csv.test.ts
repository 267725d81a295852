import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/app-error.js';
import { matchReferenceOf, parsePounds, parseStatementCsv, parseStatementDate } from '../../src/finance/reconciliation/statement-csv.js';

describe('statement CSV', () => {
  it('reads pounds as exact pence, never through floating point', () => {
    expect(parsePounds('1234.50')).toBe(123_450n);
    expect(parsePounds('0.10')).toBe(10n);
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(parsePounds('0.29')).toBe(29n);
    expect(parsePounds('-12.00')).toBe(-1_200n);
    expect(parsePounds('999999999999.99')).toBe(99_999_999_999_999n);
    for (const bad of ['12.5', '12', '1,234.50', '£12.00', '12.345', ' 1.00', '1e3', '', '.50']) expect(parsePounds(bad), bad).toBeNull();
  });

  it('takes ISO and British dates, and only real ones', () => {
    expect(parseStatementDate('2026-05-14')).toBe('2026-05-14');
    expect(parseStatementDate('14/05/2026')).toBe('2026-05-14');
    expect(parseStatementDate('1/4/2026')).toBe('2026-04-01');
    expect(parseStatementDate('29/02/2028')).toBe('2028-02-29');
    for (const bad of ['29/02/2026', '2026-13-01', '2026-04-31', '05/14/2026', '2026/05/14', '14-05-2026', '']) expect(parseStatementDate(bad), bad).toBeNull();
  });

  it('matches references upper case without spaces', () => {
    expect(matchReferenceOf(' cym cfp2026 000001c1 ')).toBe('CYMCFP2026000001C1');
  });

  it('knows the same statement saved differently, and reads columns in any order with extras ignored', () => {
    const a = parseStatementCsv('date,reference,amount\r\n2026-05-14,CYMX1,10.00\r\n');
    const b = parseStatementCsv('\uFEFFAmount,Balance,Reference,Date\n"10.00",99.00,"cym x1",14/05/2026\n\n');
    expect(b.lines).toEqual([{ lineNumber: 2, valueDate: '2026-05-14', reference: 'cym x1', matchReference: 'CYMX1', amountPence: 1_000n }]);
    expect(b.sha256).toBe(a.sha256);
  });

  it('lists at most ten problems and says how many more', () => {
    const csv = ['date,reference,amount', ...Array.from({ length: 12 }, () => '2026-05-14,X,1')].join('\n');
    try {
      parseStatementCsv(csv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).detail.en).toMatch(/line 11: .*; and 2 more problems$/);
    }
  });
});
