import { z } from 'zod';
import { listAuditRecords, maxAuditPageSize } from '../../audit/list-audit-records.js';
import type { PrismaClient } from '../../db/prisma.js';
import { getEnquiryHistory } from '../../operations/enquiries/get-enquiry-history.js';
import { readerLanguage } from '../reader-language.js';
import type { Route } from '../route-table.js';
import { auditRecordPageResponse, caseHistoryResponse } from './audit.schema.js';
import { enquiryReferenceParams } from './enquiries.schema.js';

const auditQuery = z.strictObject({
  stream: z.string().min(1).max(200).optional(),
  organisationId: z.uuid().optional(),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(maxAuditPageSize).default(50),
});

export function auditRoutes({ prisma }: { prisma: PrismaClient }): Route[] {
  return [
    {
      // The whole trail, for administrators: newest first, a page at a time.
      method: 'get',
      path: '/api/audit',
      action: 'audit.read',
      handler: async (req, res) => {
        res.json(await listAuditRecords(prisma, auditQuery.parse(req.query)));
      },
      docs: {
        summary: 'Read the audit trail',
        description: 'Newest first, a page at a time; for administrators.',
        tags: ['Audit'],
        query: auditQuery,
        responses: { 200: { description: 'A page of audit records', body: auditRecordPageResponse } },
      },
    },
    {
      // A case's history in plain words, for its applicants and the staff on it.
      method: 'get',
      path: '/api/enquiries/:reference/history',
      action: 'case_history.read',
      handler: async (req, res) => {
        const { reference } = enquiryReferenceParams.parse(req.params);
        res.json({ history: await getEnquiryHistory({ prisma, actor: req.actor, reference, language: readerLanguage(req) }) });
      },
      docs: {
        summary: 'Read an enquiry’s history in plain words',
        tags: ['Enquiries'],
        params: enquiryReferenceParams,
        responses: { 200: { description: 'What has happened, oldest first', body: caseHistoryResponse } },
      },
    },
  ];
}
