import type { Client } from '@temporalio/client';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import { getTransfer } from '../../operations/transfers/get-transfer.js';
import { getTransferTimeline } from '../../operations/transfers/get-transfer-timeline.js';
import { listTransfers, listTransfersQuery } from '../../operations/transfers/list-transfers.js';
import { runTransferCommand } from '../../operations/transfers/run-transfer-command.js';
import { startTransfer, startTransferInput } from '../../operations/transfers/start-transfer.js';
import { transferOutcomesCsv, transferOutcomesQuery, transferOutcomesReport } from '../../operations/transfers/transfer-outcomes-report.js';
import { transferCommands, type TransferCommandName } from '../../operations/transfers/transfer-commands.js';
import type { TransferProcessCatalogue } from '../../programmes/transfer-processes.js';
import { readerLanguage } from '../reader-language.js';
import type { Route } from '../route-table.js';
import {
  transferCommandResultResponse,
  transferOutcomesResponse,
  transferPageResponse,
  transferReferenceParams,
  transferResponse,
  transferTimelineResponse,
} from './transfers.schema.js';

export interface TransferRouteDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  transferProcesses: TransferProcessCatalogue;
  /** Tells a command's answer at once when the worker has written its events (src/db/case-event-signals.ts). */
  caseEventSignals?: CaseEventSignals;
}

/** Each command is a resource of the transfer it acts on: its enquiry, plans, gates, valuation, completion. */
const commandRoutes: { path: string; command: TransferCommandName; summary: string; description?: string }[] = [
  {
    path: '/enquiry-response',
    command: 'respondToEnquiry',
    summary: 'Answer the group’s enquiry: invite it to go on, or decline with reasons (the owning body’s asset officer)',
  },
  {
    path: '/eoi/submission',
    command: 'submitEoi',
    summary: 'Send the expression of interest (the group’s lead)',
    description: 'With the documents the body’s process asks for at this stage.',
  },
  {
    path: '/business-plan',
    command: 'submitBusinessPlan',
    summary: 'Send the business plan (the group’s lead)',
    description: 'With the documents the body’s process asks for at this stage.',
  },
  {
    path: '/gate-decisions',
    command: 'recordGateDecision',
    summary: 'Record the body’s decision at the initial assessment or decision gate',
    description: 'Refused with 403 when the decision was not taken by whom the body’s process names for the gate.',
  },
  {
    path: '/evaluation',
    command: 'recordEvaluation',
    summary: 'Record the evaluation: valuation, consideration, tenure and repairing obligations',
    description: 'Any undervalue needs a well-being justification; above the General Disposal Consent limit the case goes to the Welsh Ministers for consent.',
  },
  { path: '/ministers-consent', command: 'recordMinistersConsent', summary: 'Record the Welsh Ministers’ consent to the undervalue, or its refusal' },
  { path: '/heads-of-terms', command: 'agreeHeadsOfTerms', summary: 'Record the heads of terms agreed, and who in the body agreed them' },
  { path: '/open-space-notice', command: 'publishOpenSpaceNotice', summary: 'Record the open space disposal notice published; objections are taken from then' },
  { path: '/objections', command: 'recordObjection', summary: 'Record an objection to the open space disposal' },
  { path: '/objections/consideration', command: 'considerObjections', summary: 'Weigh the objections: go on, or decline with reasons' },
  { path: '/completion', command: 'completeTransfer', summary: 'Record legal completion: the tenure granted and the date it was executed' },
  {
    path: '/community-benefit-reports',
    command: 'submitCommunityBenefitReport',
    summary: 'Send the annual community benefit report (a member of the group)',
    description:
      'Each report is due on an anniversary of completion in Wales and may be sent from the process’s monitoring.opensBefore (6 weeks) before; earlier it is refused with 409, the detail giving the date and time it opens and the date it is due.',
  },
  { path: '/community-use-stopped', command: 'recordCommunityUseStopped', summary: 'Record that community use stopped and the asset returned to the body' },
  { path: '/withdrawal', command: 'withdraw', summary: 'Withdraw the transfer, with a reason (a member of the group)' },
  { path: '/case-officer', command: 'reassignCaseOfficer', summary: 'Hand the case to another asset officer of the owning body' },
  { path: '/notes', command: 'addNote', summary: 'Add a note for the owning body’s staff (never shown to the group)' },
];

const refusals =
  'Refused with 409 when the transfer is not at a stage where this can be done (or the owning body’s process has no such step, which the detail says), and with 403 when the sender may not, the detail saying who may (the group’s lead, a member of the group, or an asset officer of the owning body).';

/** Community asset transfers: started by a group on an asset of a public body's register, worked by the body. */
export function transferRoutes({ prisma, temporal, taskQueue, transferProcesses, caseEventSignals: signals }: TransferRouteDependencies): Route[] {
  return [
    {
      method: 'get',
      path: '/api/transfer-reports/outcomes',
      action: 'transfer.report',
      handler: async (req, res) => {
        const query = transferOutcomesQuery.parse(req.query);
        const rows = await transferOutcomesReport({ prisma, actor: req.actor, query });
        if (query.format === 'csv') {
          res.type('text/csv; charset=utf-8').attachment('transfer-outcomes.csv').send(transferOutcomesCsv(rows));
          return;
        }
        res.json(rows);
      },
      docs: {
        summary: 'How transfers end, per public body: in progress, declined, withdrawn, lapsed, transferred, returned',
        description: 'Administrators and programme caseworkers see every body; an asset officer sees the bodies they work for.',
        tags: ['Transfers'],
        query: transferOutcomesQuery,
        responses: {
          200: {
            description:
              'One row per body as JSON. With format=csv, text/csv as a download instead: header `owner_organisation_id,owner_name,cases,in_progress,declined,withdrawn,lapsed,transferred,returned`.',
            body: transferOutcomesResponse,
          },
        },
      },
    },
    {
      method: 'post',
      path: '/api/transfers',
      action: 'transfer.create',
      handler: async (req, res) => {
        const input = startTransferInput.parse(req.body);
        const started = await startTransfer({ prisma, signals, temporal, taskQueue, transferProcesses, actor: req.actor, input, now: new Date() });
        res.status(201).location(`/api/transfers/${started.reference}`).json(started);
      },
      docs: {
        summary: 'Start a community asset transfer for a group, on an asset of a public body’s register',
        description:
          'Gives the transfer its reference and starts its workflow under the owning body’s process in force today (or the default process). ' +
          'An asset already transferred or withdrawn from the register is refused with 409.',
        tags: ['Transfers'],
        body: startTransferInput,
        responses: { 201: { description: 'Started', body: transferCommandResultResponse, headers: { Location: 'The transfer' } } },
        problems: [409, 503],
      },
    },
    {
      method: 'get',
      path: '/api/transfers',
      action: 'transfer.list',
      handler: async (req, res) => {
        const query = listTransfersQuery.parse(req.query);
        res.json(await listTransfers({ prisma, actor: req.actor, query, now: new Date(), language: readerLanguage(req) }));
      },
      docs: {
        summary: 'List the transfers you may read',
        description:
          'Caseworkers and administrators see every transfer; a body’s asset officers their body’s; a group’s members their group’s. ' +
          'Filters combine (all must hold). A page at a time: pass `nextCursor` back as `cursor`, with the same `sort`.',
        tags: ['Transfers'],
        query: listTransfersQuery,
        responses: { 200: { description: 'A page of transfers', body: transferPageResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/transfers/:reference',
      action: 'transfer.read',
      handler: async (req, res) => {
        const { reference } = transferReferenceParams.parse(req.params);
        res.json(await getTransfer({ prisma, actor: req.actor, reference, language: readerLanguage(req) }));
      },
      docs: {
        summary: 'Read a transfer',
        tags: ['Transfers'],
        params: transferReferenceParams,
        responses: { 200: { description: 'The transfer', body: transferResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/transfers/:reference/timeline',
      action: 'transfer.read',
      handler: async (req, res) => {
        const { reference } = transferReferenceParams.parse(req.params);
        res.json({ timeline: await getTransferTimeline({ prisma, actor: req.actor, reference, language: readerLanguage(req) }) });
      },
      docs: {
        summary: 'Read a transfer’s timeline in plain words',
        tags: ['Transfers'],
        params: transferReferenceParams,
        responses: { 200: { description: 'What has happened, oldest first, in the reader’s language', body: transferTimelineResponse } },
      },
    },
    ...commandRoutes.map(({ path, command, summary, description }): Route => ({
      method: 'post',
      path: `/api/transfers/:reference${path}`,
      action: transferCommands[command].action,
      handler: async (req, res) => {
        const { reference } = transferReferenceParams.parse(req.params);
        res.json(await runTransferCommand({ prisma, signals, temporal, actor: req.actor, reference, command, input: req.body, now: new Date() }));
      },
      docs: {
        summary,
        description: description ? `${description} ${refusals}` : refusals,
        tags: ['Transfers'],
        params: transferReferenceParams,
        body: transferCommands[command].input,
        responses: { 200: { description: 'Done: the read model already shows it', body: transferCommandResultResponse } },
        problems: [409, 503],
      },
    })),
  ];
}
