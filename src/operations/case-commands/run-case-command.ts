import type { Client } from '@temporalio/client';
import type { Actor, RoleGrantView } from '../../access/actor.js';
import type { Action } from '../../access/policy.js';
import type { CaseEventSignals } from '../../db/case-event-signals.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Bilingual } from '../../domain/bilingual.js';
import type { CommandActor } from '../../workflows/case/case.messages.js';
import { sendCaseCommand } from '../send-command.js';
import type { CaseCommand } from './case-command.js';

// How every command reaches a case, whatever its kind (a CFP application, an asset transfer, a claim): check
// the input, find the case and check the sender may act on it (the access policy), add what the database
// knows (the command's prepare), and send it to the case's workflow as an Update, whose refusals become
// 403 or 409. A kind says only what differs: how its cases are found, and what its commands need to know.

/** A case found for a command, once the access policy let the sender do the command's action on it. */
export interface FoundCase<Context> {
  /** The role the sender acts in; the policy allowed the action, so null only for an action without one. */
  actingAs: RoleGrantView | null;
  /** The workflow that carries the case, which the Update goes to. */
  workflowId: string;
  /** What the kind's prepare functions are given. */
  context: Context;
}

/** What differs between kinds of case for their commands. `Address` is what names a case in a request. */
export interface CaseKind<Address, Context> {
  /** Finds the case, refusing (as not found, or forbidden) anyone the access policy does not let do `action`. */
  find(options: { prisma: PrismaClient; actor: Actor | undefined; address: Address; action: Action; now: Date }): Promise<FoundCase<Context>>;
  /** What to say when the case's workflow has ended; by default, that the application is closed. */
  closed?: Bilingual;
  /** Whether the workflow weighs the sender's delegated limit (a CFP decision's); otherwise it is not told it. */
  delegatedAuthority?: boolean;
}

export interface RunCaseCommandOptions<Address> {
  prisma: PrismaClient;
  /** Wakes the wait for the command's events as soon as the worker writes them (the API's). */
  signals?: CaseEventSignals;
  temporal: Client;
  actor: Actor | undefined;
  address: Address;
  /** The request body, unchecked. */
  input: unknown;
  now: Date;
}

/**
 * Runs `command` of a case of `kind`. Resolves once the workflow has recorded the change, so the read model
 * already shows it.
 */
export async function runCaseCommand<Address, Context, Result extends object>(
  kind: CaseKind<Address, Context>,
  command: CaseCommand<Context, Result>,
  { prisma, signals, temporal, actor, address, input, now }: RunCaseCommandOptions<Address>,
): Promise<Omit<Result, 'recordedUpTo'>> {
  const parsed: unknown = command.input.parse(input ?? {});
  const { actingAs, workflowId, context } = await kind.find({ prisma, actor, address, action: command.action, now });
  // The policy allowed it, so there is a person acting in a role (every case command needs one).
  if (!actor || !actingAs) throw new Error(`${command.action} was allowed without a role`);

  const args = await command.prepare(parsed, context);
  const sender: CommandActor = {
    personId: actor.personId,
    role: actingAs.role,
    organisationId: actingAs.organisationId,
    delegatedLimitPence: kind.delegatedAuthority && actingAs.delegatedLimitPence !== null ? Number(actingAs.delegatedLimitPence) : null,
  };
  const handle = temporal.workflow.getHandle(workflowId);
  return sendCaseCommand(
    { prisma, signals },
    temporal,
    ({ updateId }) => handle.executeUpdate(command.update, { updateId, args: [{ ...args, actor: sender, at: now.toISOString() }] }),
    { workflowId, ...(kind.closed ? { closed: kind.closed } : {}) },
  );
}
