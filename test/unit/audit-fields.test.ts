import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/audit/audit-entry.js';
import { auditFields } from '../../src/audit/audit-fields.js';
import { isAuditStream, organisationStream } from '../../src/audit/audit-stream.js';

const entry: AuditEntry = {
  stream: 'ENQ-2026-000001',
  occurredAt: new Date('2026-11-23T10:00:00.000Z'),
  actor: { personId: '6F1C2A5E-8A44-4B5E-9D1C-0A1B2C3D4E5F', role: 'applicant_lead', organisationId: '0B7E3F7A-2C1D-4E8F-A9B0-C1D2E3F4A5B6' },
  requestId: 'req-1',
  command: 'enquiry.submit',
  summary: { cy: 'Anfonodd y grŵp ymholiad', en: 'The group sent an enquiry' },
  changes: { status: 'received', note: undefined },
};

describe('audit entry to stored fields', () => {
  it('spells values as PostgreSQL will give them back, so the hash can be recomputed from the row', () => {
    expect(auditFields(entry)).toEqual({
      stream: 'ENQ-2026-000001',
      occurredAt: new Date('2026-11-23T10:00:00.000Z'),
      actorId: '6f1c2a5e-8a44-4b5e-9d1c-0a1b2c3d4e5f',
      actorRole: 'applicant_lead',
      organisationId: '0b7e3f7a-2c1d-4e8f-a9b0-c1d2e3f4a5b6',
      requestId: 'req-1',
      command: 'enquiry.submit',
      summaryCy: 'Anfonodd y grŵp ymholiad',
      summaryEn: 'The group sent an enquiry',
      changes: { status: 'received' },
    });
  });

  it('records the system as no actor', () => {
    expect(auditFields({ ...entry, actor: null, requestId: undefined })).toMatchObject({
      actorId: null,
      actorRole: null,
      organisationId: null,
      requestId: null,
    });
  });

  it('refuses values the database would not give back as they were', () => {
    expect(() => auditFields({ ...entry, changes: { amount: Number.NaN } })).toThrow(/NaN/);
    expect(() => auditFields({ ...entry, changes: { amount: Infinity } })).toThrow(/Infinity/);
    expect(() => auditFields({ ...entry, occurredAt: new Date('not a date') })).toThrow(/occurredAt/);
    expect(() => auditFields({ ...entry, actor: { personId: 'someone', role: 'caseworker', organisationId: null } })).toThrow(/UUID/);
  });

  it('needs the summary in Welsh and English', () => {
    expect(() => auditFields({ ...entry, summary: { cy: ' ', en: 'The group sent an enquiry' } })).toThrow(/Welsh and English/);
  });

  it('accepts only the stream names there are, each with one spelling', () => {
    const id = '0b7e3f7a-2c1d-4e8f-a9b0-c1d2e3f4a5b6';
    expect(organisationStream(id.toUpperCase())).toBe(`organisation:${id}`);
    for (const stream of ['ENQ-2026-000001', 'system', `organisation:${id}`]) expect(isAuditStream(stream)).toBe(true);
    for (const stream of ['', 'System', 'ENQ-2026-1', `organisation:${id.toUpperCase()}`, `organisation:${id}:x`, 'person:x']) {
      expect(isAuditStream(stream)).toBe(false);
    }
    expect(() => auditFields({ ...entry, stream: 'System' })).toThrow(/Not an audit stream/);
  });
});
