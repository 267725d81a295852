import { describe, expect, it } from 'vitest';
import { formatCaseReference, isCaseReference } from '../../src/domain/case-reference.js';

describe('case references', () => {
  it('pads the yearly sequence to six digits', () => {
    expect(formatCaseReference('CFP', 2026, 123)).toBe('CFP-2026-000123');
  });

  it('keeps counting past 999,999 rather than wrapping', () => {
    expect(formatCaseReference('ENQ', 2026, 1_234_567)).toBe('ENQ-2026-1234567');
  });

  it('recognises references, optionally of one programme', () => {
    expect(isCaseReference('CFP-2026-000123')).toBe(true);
    expect(isCaseReference('CFP-2026-000123', 'ENQ')).toBe(false);
    expect(isCaseReference('cfp-2026-000123')).toBe(false);
    expect(isCaseReference('CFP-26-1')).toBe(false);
  });
});
