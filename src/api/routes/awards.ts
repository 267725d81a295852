import type { Client } from '@temporalio/client';
import express, { type RequestHandler } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { readEvidence } from '../../operations/evidence/read-evidence.js';
import { evidenceSizeLimit, evidenceTypes, uploadEvidence } from '../../operations/evidence/upload-evidence.js';
import type { PrismaClient } from '../../db/prisma.js';
import { commitAward, commitAwardInput } from '../../operations/awards/commit-award.js';
import { getAward } from '../../operations/claims/get-award.js';
import { claimCommands, type ClaimCommandName } from '../../operations/claims/claim-commands.js';
import { runClaimCommand } from '../../operations/claims/run-claim-command.js';
import { submitClaim, submitClaimInput } from '../../operations/claims/submit-claim.js';
import { monitoringReturnInput, submitMonitoringReturn } from '../../operations/monitoring/submit-monitoring-return.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import type { Route } from '../route-table.js';
import {
  awardParams,
  awardResponse,
  claimCommandResponse,
  claimParams,
  commitmentResponse,
  evidenceParams,
  evidenceQuery,
  evidenceResponse,
  monitoringReturnParams,
  monitoringReturnResponse,
  submittedClaimResponse,
} from './awards.schema.js';

export interface AwardRouteDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  cfpPolicies: CfpPolicyCatalogue;
  /** Where uploaded evidence files are kept. */
  evidenceDir: string;
}

const evidenceBody = express.raw({ type: Object.keys(evidenceTypes), limit: evidenceSizeLimit });

/**
 * Reads the upload's bytes, for the types evidence may be only (anything else arrives empty, and is refused
 * once the operation has checked who is asking). Too large a file is refused (413) while it is read.
 */
function withEvidenceBody(handle: RequestHandler): RequestHandler {
  return (req, res, next) => {
    void evidenceBody(req, res, (error?: unknown) => {
      if (error) return next(error);
      return Promise.resolve(handle(req, res, next)).catch(next);
    });
  };
}

const claimRoutes: { path: string; command: ClaimCommandName; summary: string }[] = [
  { path: '/verification', command: 'verify', summary: 'Verify each line: approve, part-approve or reject (caseworker)' },
  { path: '/evidence-requests', command: 'requestEvidence', summary: 'Ask the group for more evidence on lines (caseworker)' },
  { path: '/evidence', command: 'provideEvidence', summary: 'Add evidence to a line that was asked about (the group)' },
  { path: '/payment-approval', command: 'approvePayment', summary: 'Approve payment (a finance approver who did not verify the claim)' },
  { path: '/rejection', command: 'reject', summary: 'Reject the claim, with a reason (caseworker)' },
];

export function awardRoutes({ prisma, temporal, taskQueue, cfpPolicies, evidenceDir }: AwardRouteDependencies): Route[] {
  return [
    {
      method: 'post',
      path: '/api/awards/:reference/evidence',
      action: 'claim.evidence',
      handler: withEvidenceBody(async (req, res) => {
        const { reference } = awardParams.parse(req.params);
        const { fileName } = evidenceQuery.parse(req.query);
        const file = await uploadEvidence({
          prisma,
          evidenceDir,
          actor: req.actor,
          reference,
          fileName,
          contentType: req.get('content-type')?.split(';')[0]?.trim() ?? '',
          content: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        });
        res.status(201).json(file);
      }),
      // The body is read inside the handler, after the key would be checked; an upload is the same evidence
      // however often it is sent (kept by its SHA-256), so there is nothing to replay.
      idempotency: 'none',
      docs: {
        summary: 'Upload a piece of evidence (PDF, PNG or JPEG, up to 10 MB) for the award’s claims',
        description: 'Send the file itself as the body with its Content-Type. The answer’s id goes in a claim line’s evidenceFileIds.',
        tags: ['Claims'],
        params: awardParams,
        query: evidenceQuery,
        responses: { 201: { description: 'Kept', body: evidenceResponse } },
        problems: [413, 415],
      },
    },
    {
      method: 'get',
      path: '/api/awards/:reference',
      action: 'award.read',
      handler: async (req, res) => {
        const { reference } = awardParams.parse(req.params);
        res.json(await getAward({ prisma, actor: req.actor, reference }));
      },
      docs: {
        summary: 'An award, its balances from the ledger, and its claims',
        tags: ['Awards'],
        params: awardParams,
        responses: { 200: { description: 'The award', body: awardResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/awards/:reference/commitment',
      action: 'award.commit',
      handler: async (req, res) => {
        const { reference } = awardParams.parse(req.params);
        const input = commitAwardInput.parse(req.body ?? {});
        res.json(await commitAward({ prisma, policies: cfpPolicies, actor: req.actor, reference, input, now: new Date() }));
      },
      docs: {
        summary: 'Commit the award against its programme budget',
        description: 'Refused (409) beyond the remaining budget unless the policy allows a finance approver to override with `override: true`.',
        tags: ['Awards'],
        params: awardParams,
        body: commitAwardInput,
        responses: { 200: { description: 'Committed', body: commitmentResponse } },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/awards/:reference/claims',
      action: 'claim.submit',
      handler: async (req, res) => {
        const { reference } = awardParams.parse(req.params);
        const input = submitClaimInput.parse(req.body);
        const submitted = await submitClaim({ prisma, temporal, taskQueue, policies: cfpPolicies, actor: req.actor, reference, input, now: new Date() });
        res.status(202).location(`/api/awards/${reference}`).json(submitted);
      },
      docs: {
        summary: 'Claim eligible spend with evidence (the group’s lead)',
        tags: ['Claims'],
        params: awardParams,
        body: submitClaimInput,
        responses: {
          202: { description: 'Submitted; the claim shows in the award once recorded', body: submittedClaimResponse, headers: { Location: 'The award' } },
        },
        problems: [409, 503],
      },
    },
    {
      method: 'get',
      path: '/api/awards/:reference/evidence/:id',
      action: 'award.read',
      handler: async (req, res) => {
        const { reference, id } = evidenceParams.parse(req.params);
        const file = await readEvidence({ prisma, evidenceDir, actor: req.actor, reference, id });
        // Always a download, never shown inline: the file came from outside. The type is set after the
        // name, never from it (Express's attachment() would take it from the extension), and the browser
        // is told not to guess another.
        res
          .set('Content-Disposition', contentDisposition(file.fileName.unicode, { fallback: file.fileName.ascii }))
          .set('Content-Type', file.contentType)
          .set('X-Content-Type-Options', 'nosniff')
          .set('Cache-Control', 'no-store')
          .send(file.content);
      },
      docs: {
        summary: 'Download a piece of evidence',
        description:
          'Always as the type its first bytes were checked to be (application/pdf, image/png or image/jpeg), whatever type or name it was uploaded with, with `X-Content-Type-Options: nosniff`, as an attachment. Its name is the uploaded one cleaned (no control or text-direction characters, only letters, digits, spaces and plain punctuation) with the extension of its type in place of any other (`invoice.html` that is a PDF downloads as `invoice.pdf`); `filename` is an ASCII transliteration, `filename*` the Unicode name.',
        tags: ['Claims'],
        params: evidenceParams,
        responses: { 200: { description: 'The file, as a download', contentType: 'application/pdf' } },
      },
    },
    {
      method: 'post',
      path: '/api/awards/:reference/monitoring-returns/:period',
      action: 'monitoring.submit',
      handler: async (req, res) => {
        const { reference, period } = monitoringReturnParams.parse(req.params);
        const input = monitoringReturnInput.parse(req.body);
        res.json(await submitMonitoringReturn({ prisma, temporal, actor: req.actor, reference, period, input, now: new Date() }));
      },
      docs: {
        summary: 'Send the annual monitoring return (any member of the group)',
        description:
          "Only the return open now can be sent, once: each is due on an anniversary of completion in Wales and opens the policy's awards.monitoring.opensBefore (6 weeks) before. Refused with 409 before completion, for another period, or before the return opens (the detail gives the date and time it opens and the date it is due).",
        tags: ['Monitoring'],
        params: monitoringReturnParams,
        body: monitoringReturnInput,
        responses: { 200: { description: 'Received', body: monitoringReturnResponse } },
        problems: [409, 503],
      },
    },
    ...claimRoutes.map(({ path, command, summary }): Route => ({
      method: 'post',
      path: `/api/awards/:reference/claims/:number${path}`,
      action: claimCommands[command].action,
      handler: async (req, res) => {
        const { reference, number } = claimParams.parse(req.params);
        res.json(await runClaimCommand({ prisma, temporal, actor: req.actor, reference, number, command, input: req.body, now: new Date() }));
      },
      docs: {
        summary,
        tags: ['Claims'],
        params: claimParams,
        body: claimCommands[command].input,
        responses: { 200: { description: 'Done', body: claimCommandResponse } },
        problems: [409, 503],
      },
    })),
  ];
}
