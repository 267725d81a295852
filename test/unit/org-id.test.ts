import { describe, expect, it } from 'vitest';
import { companyNumberOf } from '../../src/domain/register-numbers.js';
import { deriveOrgId } from '../../src/open-data/org-id.js';
import { normalisePostcode } from '../../src/domain/postcode.js';

const id = '3f1c2b9a-5d4e-4f00-8a11-0123456789ab';

describe('an organisation’s org-id', () => {
  it('is the Charity Commission number for a charity and a CIO', () => {
    expect(deriveOrgId({ type: 'charity', charityNumber: '1199001', id })).toBe('GB-CHC-1199001');
    expect(deriveOrgId({ type: 'cio', charityNumber: ' 1199002 ', id })).toBe('GB-CHC-1199002');
  });

  it('is the Companies House number, zero-padded to 8, for a company limited by guarantee and a CIC', () => {
    expect(deriveOrgId({ type: 'company_limited_by_guarantee', companyNumber: '123456', charityNumber: '1199003', id })).toBe('GB-COH-00123456');
    expect(deriveOrgId({ type: 'cic', companyNumber: '13999001', id })).toBe('GB-COH-13999001');
    expect(deriveOrgId({ type: 'cic', companyNumber: 'sc 123456', id })).toBe('GB-COH-SC123456');
  });

  it('is the FCA Mutuals Public Register number for a community benefit society', () => {
    expect(deriveOrgId({ type: 'community_benefit_society', mutualsNumber: '7123', id })).toBe('GB-MPR-7123');
    expect(deriveOrgId({ type: 'community_benefit_society', mutualsNumber: 'rs007123', id })).toBe('GB-MPR-RS007123');
  });

  it('is one of Cymuned’s own, from the stable id, for a group on no register', () => {
    expect(deriveOrgId({ type: 'unincorporated', id })).toBe(`360G-CYMUNED-${id}`);
    expect(deriveOrgId({ type: 'community_council', charityNumber: '1199004', id: id.toUpperCase() })).toBe(`360G-CYMUNED-${id}`);
    // A registered type whose number is missing is not given someone else's register's prefix.
    expect(deriveOrgId({ type: 'charity', charityNumber: '  ', id })).toBe(`360G-CYMUNED-${id}`);
  });

  it('pads only numeric company numbers', () => {
    expect(companyNumberOf('1')).toBe('00000001');
    expect(companyNumberOf('NI012345')).toBe('NI012345');
  });
});

describe('a UK postcode', () => {
  it('is written as Royal Mail writes it, however typed', () => {
    expect(normalisePostcode('sa11aa')).toBe('SA1 1AA');
    expect(normalisePostcode('  ll63   5bn ')).toBe('LL63 5BN');
    expect(normalisePostcode('CF10 1EP')).toBe('CF10 1EP');
    expect(normalisePostcode('w1a 0ax')).toBe('W1A 0AX');
    expect(normalisePostcode('ec1a1bb')).toBe('EC1A 1BB');
    expect(normalisePostcode('gir0aa')).toBe('GIR 0AA');
  });

  it('is refused when it is not one', () => {
    for (const typed of ['', 'SA1', 'SA1 1A', '12345', 'SA1 1CI', 'SAA1 1AA', 'SA1 1AAA', 'GIR 1AA', 'Neuadd']) {
      expect(normalisePostcode(typed), typed).toBeNull();
    }
  });
});
