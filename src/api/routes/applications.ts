import type { Client } from '@temporalio/client';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import { applicationCommands, type ApplicationCommandName } from '../../operations/applications/application-commands.js';
import { getApplication } from '../../operations/applications/get-application.js';
import { getOfferLetter } from '../../operations/applications/get-offer-letter.js';
import { getApplicationPolicy } from '../../operations/applications/get-application-policy.js';
import { runApplicationCommand } from '../../operations/applications/run-application-command.js';
import { startApplication, startApplicationInput } from '../../operations/applications/start-application.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import { readerLanguage } from '../reader-language.js';
import type { Method, Route } from '../route-table.js';
import { applicationPolicyResponse, applicationReferenceParams, applicationResponse, commandResultResponse, offerLetterQuery } from './applications.schema.js';

export interface ApplicationRouteDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  cfpPolicies: CfpPolicyCatalogue;
  /** Tells a command's answer at once when the worker has written its events (src/db/case-event-signals.ts). */
  caseEventSignals?: CaseEventSignals;
}

/** Each command is a resource of the application it acts on: its EOI, assessments, decisions, offer. */
const commandRoutes: { method: Method; path: string; command: ApplicationCommandName; summary: string; tag: string }[] = [
  { method: 'patch', path: '/eoi', command: 'saveEoi', summary: 'Save answers of the expression of interest', tag: 'Applications' },
  { method: 'post', path: '/eoi/submission', command: 'submitEoi', summary: 'Send the expression of interest (applicant lead)', tag: 'Applications' },
  { method: 'post', path: '/screening', command: 'screenEoi', summary: 'Invite to full application, or decline with reasons', tag: 'Applications' },
  { method: 'patch', path: '/full-application', command: 'saveFullApplication', summary: 'Save answers of the full application', tag: 'Applications' },
  {
    method: 'post',
    path: '/full-application/submission',
    command: 'submitFullApplication',
    summary: 'Send the full application (applicant lead)',
    tag: 'Applications',
  },
  {
    method: 'post',
    path: '/assessments/declarations',
    command: 'declareConflict',
    summary: 'Declare any conflict of interest, before scoring',
    tag: 'Assessments',
  },
  { method: 'post', path: '/assessments', command: 'scoreApplication', summary: 'Score each criterion with a justification', tag: 'Assessments' },
  { method: 'post', path: '/assessments/moderation', command: 'moderateScores', summary: 'Settle diverging scores', tag: 'Assessments' },
  { method: 'post', path: '/recommendation', command: 'recommend', summary: 'Recommend approval or rejection', tag: 'Decisions' },
  { method: 'post', path: '/decisions', command: 'decide', summary: 'Approve (possibly for less, with conditions), reject or defer', tag: 'Decisions' },
  { method: 'post', path: '/offer/acceptance', command: 'acceptOffer', summary: 'Accept the grant offer with the declaration (applicant lead)', tag: 'Offers' },
  { method: 'post', path: '/offer/refusal', command: 'declineOffer', summary: 'Decline the grant offer (applicant lead)', tag: 'Offers' },
  {
    method: 'post',
    path: '/information-requests',
    command: 'requestInformation',
    summary: 'Ask the group for information, reopening the answers named',
    tag: 'Applications',
  },
  {
    method: 'post',
    path: '/information-requests/response',
    command: 'respondToInformation',
    summary: 'Answer the open request for information (it stays open until every answer asked for is given)',
    tag: 'Applications',
  },
  {
    method: 'post',
    path: '/information-requests/closure',
    command: 'closeInformationRequest',
    summary: 'Close the open request for information, with a reason, whatever is still unanswered (caseworker)',
    tag: 'Applications',
  },
  { method: 'post', path: '/withdrawal', command: 'withdraw', summary: 'Withdraw the application, with a reason', tag: 'Applications' },
  { method: 'post', path: '/case-officer', command: 'reassignCaseOfficer', summary: 'Reassign the case officer', tag: 'Applications' },
  { method: 'post', path: '/notes', command: 'addNote', summary: 'Add a note for staff', tag: 'Applications' },
  { method: 'post', path: '/fast-track', command: 'setFastTrack', summary: 'Set or clear the fast-track flag', tag: 'Applications' },
  {
    method: 'post',
    path: '/deadline-extensions',
    command: 'extendDeadline',
    summary: 'Move a deadline later (its reminders move with it)',
    tag: 'Applications',
  },
  {
    method: 'post',
    path: '/tenure-transfer',
    command: 'linkTransfer',
    summary:
      'Rest the grant’s security of tenure on one of the group’s community asset transfers (one that has ended already settles the condition at once; refused, 409, when the expression of interest gives the tenure as freehold or a lease)',
    tag: 'Applications',
  },
  {
    method: 'post',
    path: '/tenure-transfer/decision',
    command: 'decideTenure',
    summary: 'After the linked transfer fell through: waive the tenure condition, or let the group name another transfer',
    tag: 'Applications',
  },
];

export function applicationRoutes({ prisma, temporal, taskQueue, cfpPolicies, caseEventSignals: signals }: ApplicationRouteDependencies): Route[] {
  return [
    {
      method: 'post',
      path: '/api/applications',
      action: 'application.create',
      handler: async (req, res) => {
        const input = startApplicationInput.parse(req.body);
        const started = await startApplication({ prisma, signals, temporal, taskQueue, policies: cfpPolicies, actor: req.actor, input, now: new Date() });
        res.status(201).location(`/api/applications/${started.reference}`).json(started);
      },
      docs: {
        summary: 'Start an expression of interest for a group',
        description: 'Gives the application its reference and starts its workflow under the programme policy in force today.',
        tags: ['Applications'],
        body: startApplicationInput,
        responses: { 201: { description: 'Started', body: commandResultResponse, headers: { Location: 'The application' } } },
        problems: [503],
      },
    },
    {
      method: 'get',
      path: '/api/applications/:reference',
      action: 'application.read',
      handler: async (req, res) => {
        const { reference } = applicationReferenceParams.parse(req.params);
        res.json(await getApplication({ prisma, actor: req.actor, reference, language: readerLanguage(req) }));
      },
      docs: {
        summary: 'Read an application',
        tags: ['Applications'],
        params: applicationReferenceParams,
        responses: { 200: { description: 'The application', body: applicationResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/applications/:reference/policy',
      action: 'application.policy',
      handler: async (req, res) => {
        const { reference } = applicationReferenceParams.parse(req.params);
        res.json(await getApplicationPolicy({ prisma, policies: cfpPolicies, actor: req.actor, reference, language: readerLanguage(req) }));
      },
      docs: {
        summary: 'The policy version the application was made under: assessment criteria, maximum scores, weights and thresholds',
        description:
          'For those who work, assess and decide the case (caseworkers, assessors, approvers, panel members, administrators); the group is refused (403). Names are in the reader’s language; money in pence.',
        tags: ['Applications'],
        params: applicationReferenceParams,
        responses: { 200: { description: 'The case’s policy version', body: applicationPolicyResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/applications/:reference/offer/letter',
      action: 'application.read',
      handler: async (req, res) => {
        const { reference } = applicationReferenceParams.parse(req.params);
        const { format } = offerLetterQuery.parse(req.query);
        const letter = await getOfferLetter({ prisma, actor: req.actor, reference, format });
        res.type(letter.contentType).send(letter.body);
      },
      docs: {
        summary: 'The bilingual offer letter (Welsh first), as HTML or PDF',
        tags: ['Offers'],
        params: applicationReferenceParams,
        query: offerLetterQuery,
        responses: { 200: { description: 'The offer letter', contentType: 'text/html' } },
      },
    },
    ...commandRoutes.map(({ method, path, command, summary, tag }): Route => ({
      method,
      path: `/api/applications/:reference${path}`,
      action: applicationCommands[command].action,
      handler: async (req, res) => {
        const { reference } = applicationReferenceParams.parse(req.params);
        res.json(
          await runApplicationCommand({
            prisma,
            signals,
            temporal,
            policies: cfpPolicies,
            actor: req.actor,
            reference,
            command,
            input: req.body,
            now: new Date(),
          }),
        );
      },
      docs: {
        summary,
        description:
          'Refused with 409 when the application is not at a stage where this can be done, and with 403 when the workflow finds the sender may not (separation of duties, delegated authority); the reason is in the problem’s detail.',
        tags: [tag],
        params: applicationReferenceParams,
        body: applicationCommands[command].input,
        responses: { 200: { description: 'Done: the read model already shows it', body: commandResultResponse } },
        problems: [409, 503],
      },
    })),
  ];
}
