import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { organisationActedFor } from '../organisation-acted-for.js';
import { enforce } from '../../access/policy.js';
import { caseReferenceForCommand } from '../../db/command-reference.js';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import { oneLineText } from '../../domain/text.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import type { CommandActor } from '../../workflows/case/case.messages.js';
import { CFP_APPLICATION_WORKFLOW, saveEoi, type CfpApplicationStart, type CommandResult } from '../../workflows/cfp-application.messages.js';
import { applicationCommands } from './application-commands.js';
import { eoiDraft } from './answers.schema.js';
import { currentCommandId } from '../../primitives/request-context.js';
import { startCase } from '../case-commands/start-case.js';

export const startApplicationInput = z.strictObject({
  /** The group applying; may be left out by someone who acts for one group only. */
  organisationId: z.uuid().optional(),
  projectTitle: oneLineText(200),
  /** The language the group works in on this application. */
  language: z.enum(['cy', 'en']),
  /** First answers of the expression of interest, if the group has some already. */
  answers: eoiDraft.default({}),
});

export type StartApplicationInput = z.infer<typeof startApplicationInput>;

export interface StartApplicationOptions {
  prisma: PrismaClient;
  /** Wakes the wait for the command's events as soon as the worker writes them (the API's). */
  signals?: CaseEventSignals;
  temporal: Client;
  taskQueue: string;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  input: StartApplicationInput;
  now: Date;
}

/**
 * Opens a CFP application for a group: gives it its reference, starts its workflow under the policy in
 * force today and saves the first answers, in one step (update-with-start), so the case is in the read
 * model when this returns.
 */
export async function startApplication({ prisma, signals, temporal, taskQueue, policies, actor, input, now }: StartApplicationOptions): Promise<CommandResult> {
  const organisationId = organisationActedFor(actor, input.organisationId);
  const actingAs = enforce(actor, 'application.create', { organisationId });
  if (!actor || !actingAs || !organisationId) throw new Error('application.create is allowed only to a member acting for a group');
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { id: true, name: true } });
  const policy = policies.effectiveAt(now);

  // The answers are checked and their area found exactly as a later save would.
  const saved = await applicationCommands.saveEoi.prepare({ answers: input.answers }, { prisma, policy, application: { reference: '', organisationId }, now });
  const commandId = currentCommandId();
  const reference = await caseReferenceForCommand(prisma, commandId, 'CFP', now.getUTCFullYear());
  const sender: CommandActor = { personId: actor.personId, role: actingAs.role, organisationId, delegatedLimitPence: null };
  const start: CfpApplicationStart = {
    reference,
    policy,
    organisation,
    language: input.language,
    projectTitle: input.projectTitle,
    createdBy: sender,
    at: now.toISOString(),
  };

  return startCase({
    recorded: { prisma, signals },
    temporal,
    taskQueue,
    workflowType: CFP_APPLICATION_WORKFLOW,
    reference,
    start,
    update: saveEoi,
    args: [{ ...saved, actor: sender, at: now.toISOString() }],
  });
}
