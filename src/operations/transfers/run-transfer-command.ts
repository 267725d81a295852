import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { TransferCommandResult } from '../../workflows/asset-transfer.messages.js';
import type { CommandActor } from '../../workflows/case/case.messages.js';
import { sendCaseCommand } from '../send-command.js';
import { findTransferFor } from './find-transfer.js';
import { transferCommands, type TransferCommandContext, type TransferCommandName } from './transfer-commands.js';

export interface RunTransferCommandOptions {
  prisma: PrismaClient;
  /** Wakes the wait for the command's events as soon as the worker writes them (the API's). */
  signals?: CaseEventSignals;
  temporal: Client;
  actor: Actor | undefined;
  reference: string;
  command: TransferCommandName;
  /** The request body, unchecked. */
  input: unknown;
  now: Date;
}

/** A command with its types forgotten, so one function can send any of them. */
interface AnyCommand {
  action: (typeof transferCommands)[TransferCommandName]['action'];
  update: UpdateDefinition<TransferCommandResult, [unknown]>;
  input: z.ZodType;
  prepare(input: unknown, context: TransferCommandContext): object | Promise<object>;
}

/**
 * Sends one command to a community asset transfer: checks the input, finds the case and checks the sender
 * may act on it, adds what the database knows, and sends it to the workflow as an Update. Resolves once
 * the workflow has recorded the change, so the read model already shows it.
 */
export async function runTransferCommand({
  prisma,
  signals,
  temporal,
  actor,
  reference,
  command,
  input,
  now,
}: RunTransferCommandOptions): Promise<TransferCommandResult> {
  const definition = transferCommands[command] as unknown as AnyCommand;
  const parsed: unknown = definition.input.parse(input ?? {});
  const { transfer, actingAs } = await findTransferFor({ prisma, actor, reference, action: definition.action });
  // The policy allowed it, so there is a person acting in a role (every transfer command needs one).
  if (!actor || !actingAs) throw new Error(`${definition.action} was allowed without a role`);

  const args = await definition.prepare(parsed, { prisma, transfer, now });
  const sender: CommandActor = { personId: actor.personId, role: actingAs.role, organisationId: actingAs.organisationId, delegatedLimitPence: null };
  const handle = temporal.workflow.getHandle(reference);
  // The workflow ends with the case (or the monitoring after it): nothing more can be done on it.
  return sendCaseCommand(
    { prisma, signals },
    temporal,
    ({ updateId }) => handle.executeUpdate(definition.update, { updateId, args: [{ ...args, actor: sender, at: now.toISOString() }] }),
    {
      workflowId: reference,
      closed: { cy: 'Mae’r trosglwyddiad hwn wedi cau', en: 'This transfer is closed' },
    },
  );
}
