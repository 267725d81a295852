import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Action } from '../../access/policy.js';
import type { Command } from '../../workflows/case/case.messages.js';

// One entry of a case kind's command table (application-commands.ts, transfer-commands.ts,
// claim-commands.ts): the policy action that guards the command, what the API accepts for it, and how the
// accepted input becomes the workflow Update's arguments (looking up in the database whatever the
// workflow must not be told by the client). The runner (run-case-command.ts) adds who sent it and when.

/** What the Update takes beyond the sender and the time, which the runner adds. */
export type CommandArguments<A extends Command> = Omit<A, keyof Command>;

export interface CaseCommand<Context, Result, S extends z.ZodType = z.ZodType, A extends Command = Command> {
  action: Action;
  update: UpdateDefinition<Result, [A]>;
  input: S;
  prepare(input: z.output<S>, context: Context): CommandArguments<A> | Promise<CommandArguments<A>>;
}

/**
 * The `command()` helper of a table whose prepare functions get `Context`: it only checks an entry and
 * keeps its types, so the table stays a plain object. A helper per table because TypeScript cannot be told
 * the context and infer the rest in one call.
 */
export function commandsWith<Context>() {
  return function command<S extends z.ZodType, A extends Command, Result>(definition: CaseCommand<Context, Result, S, A>): CaseCommand<Context, Result, S, A> {
    return definition;
  };
}
