import { describe, expect, it } from 'vitest';
import { bankReferenceOf } from '../../src/activities/instruct-payment.js';

describe('bank references', () => {
  it('fit Bacs’s 18 characters and differ for every claim of an award', () => {
    expect(bankReferenceOf('CFP-2026-000001/C1')).toBe('CYM2026000001C1');
    expect(bankReferenceOf('CFP-2026-000001/C10')).toBe('CYM2026000001C10');
    const references = Array.from({ length: 120 }, (_, i) => bankReferenceOf(`CFP-2026-000001/C${i + 1}`));
    expect(new Set(references).size).toBe(120);
    expect(Math.max(...references.map((r) => r.length))).toBeLessThanOrEqual(18);
  });

  it('refuse rather than cut short a reference that would not fit', () => {
    expect(() => bankReferenceOf('CFP-2026-0000000001/C123')).toThrow(/18 characters/);
    expect(() => bankReferenceOf('not a claim')).toThrow();
  });
});
