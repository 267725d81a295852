import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import type { CommandActor } from '../../workflows/case/case.messages.js';
import type { CommandResult } from '../../workflows/cfp-application.messages.js';
import { applicationCommands, type ApplicationCommandName, type CommandContext } from './application-commands.js';
import { findApplicationFor } from './find-application.js';
import { sendCaseCommand } from '../send-command.js';

export interface RunApplicationCommandOptions {
  prisma: PrismaClient;
  /** Wakes the wait for the command's events as soon as the worker writes them (the API's). */
  signals?: CaseEventSignals;
  temporal: Client;
  policies: CfpPolicyCatalogue;
  actor: Actor | undefined;
  reference: string;
  command: ApplicationCommandName;
  /** The request body, unchecked. */
  input: unknown;
  now: Date;
}

/** A command with its types forgotten, so one function can send any of them. */
interface AnyCommand {
  action: (typeof applicationCommands)[ApplicationCommandName]['action'];
  update: UpdateDefinition<CommandResult, [unknown]>;
  input: z.ZodType;
  prepare(input: unknown, context: CommandContext): object | Promise<object>;
}

/**
 * Sends one command to a CFP application: checks the input, finds the case and checks the sender may act
 * on it, adds what the database knows, and sends it to the workflow as an Update. Resolves once the
 * workflow has recorded the change, so the read model already shows it.
 */
export async function runApplicationCommand({
  prisma,
  signals,
  temporal,
  policies,
  actor,
  reference,
  command,
  input,
  now,
}: RunApplicationCommandOptions): Promise<CommandResult> {
  const definition = applicationCommands[command] as unknown as AnyCommand;
  const parsed: unknown = definition.input.parse(input ?? {});
  const { application, actingAs } = await findApplicationFor({ prisma, actor, reference, action: definition.action });
  // The policy allowed it, so there is a person acting in a role (every application action needs one).
  if (!actor || !actingAs) throw new Error(`${definition.action} was allowed without a role`);
  const policy = policies.forCase(reference, application.policyVersion);

  const args = await definition.prepare(parsed, { prisma, policy, application, now });
  const sender: CommandActor = {
    personId: actor.personId,
    role: actingAs.role,
    organisationId: actingAs.organisationId,
    delegatedLimitPence: actingAs.delegatedLimitPence === null ? null : Number(actingAs.delegatedLimitPence),
  };
  const handle = temporal.workflow.getHandle(reference);
  return sendCaseCommand(
    { prisma, signals },
    temporal,
    ({ updateId }) => handle.executeUpdate(definition.update, { updateId, args: [{ ...args, actor: sender, at: now.toISOString() }] }),
    { workflowId: reference },
  );
}
