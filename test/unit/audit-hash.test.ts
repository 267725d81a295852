import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditRecordHash, type HashedAuditFields } from '../../src/audit/audit-hash.js';

const record: HashedAuditFields = {
  stream: 'ENQ-2026-000001',
  sequence: 1,
  occurredAt: new Date('2026-11-23T10:00:00.000Z'),
  actorId: '6f1c2a5e-8a44-4b5e-9d1c-0a1b2c3d4e5f',
  actorRole: 'applicant_lead',
  organisationId: '0b7e3f7a-2c1d-4e8f-a9b0-c1d2e3f4a5b6',
  requestId: 'req-1',
  command: 'enquiry.submit',
  summaryCy: 'Anfonodd y grŵp ymholiad',
  summaryEn: 'The group sent an enquiry',
  changes: { status: { from: null, to: 'received' }, amountPence: 125000 },
  previousHash: GENESIS_HASH,
};

describe('audit record hash', () => {
  it('starts every stream from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is a SHA-256 in hex, the same for the same record', () => {
    const hash = auditRecordHash(record);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRecordHash({ ...record, occurredAt: new Date(record.occurredAt.getTime()) })).toBe(hash);
  });

  it('has not changed: every stored chain depends on it', () => {
    // If this fails, records already stored no longer verify. The value was computed independently too,
    // as SHA-256 of the JCS text (for this record, Python's json.dumps with sorted keys, no spaces, UTF-8):
    // {"actorId":"6f1c2a5e-…","actorRole":"applicant_lead","changes":{"amountPence":125000,"status":{…}},…}
    expect(auditRecordHash(record)).toBe('2b62fc4c63a36c8901eea634a0b7f878fa449406c8c4561ae33ec5fc86b7cf93');
  });

  it('does not depend on the order of keys, as jsonb does not keep it', () => {
    const reordered = { ...record, changes: { amountPence: 125000, status: { to: 'received', from: null } } };
    expect(auditRecordHash(reordered)).toBe(auditRecordHash(record));
  });

  it('spells numbers one way (1.0 and 1 are one JSON number)', () => {
    expect(auditRecordHash({ ...record, changes: { n: 1.0 } })).toBe(auditRecordHash({ ...record, changes: { n: 1 } }));
  });

  it('ignores properties that are not hashed fields, such as a row’s id and hash', () => {
    const row = { ...record, id: 7n, hash: 'f'.repeat(64) };
    expect(auditRecordHash(row)).toBe(auditRecordHash(record));
  });

  const changed: { [K in keyof HashedAuditFields]: HashedAuditFields[K] } = {
    stream: 'ENQ-2026-000002',
    sequence: 2,
    occurredAt: new Date('2026-11-23T10:00:00.001Z'),
    actorId: null,
    actorRole: 'caseworker',
    organisationId: null,
    requestId: null,
    command: 'enquiry.withdraw',
    summaryCy: 'Anfonodd y grŵp ymholiad.',
    summaryEn: 'The group sent an enquiry.',
    changes: { status: { from: null, to: 'withdrawn' }, amountPence: 125000 },
    previousHash: 'a'.repeat(64),
  };

  it.each(Object.keys(changed) as (keyof HashedAuditFields)[])('changes when %s changes', (field) => {
    expect(auditRecordHash({ ...record, [field]: changed[field] })).not.toBe(auditRecordHash(record));
  });

  it('tells null from an empty string', () => {
    expect(auditRecordHash({ ...record, requestId: '' })).not.toBe(auditRecordHash({ ...record, requestId: null }));
  });
});
