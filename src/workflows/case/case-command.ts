import type { UpdateDefinition } from '@temporalio/common';
import type { Command, CommandResult } from './case.messages.js';
import { registerCommand } from './commands.js';

export type CaseCommand<Status extends string> = <C extends Command, N extends string>(
  definition: UpdateDefinition<CommandResult<Status>, [C], N>,
  check: (command: NoInfer<C>) => void,
  apply: (command: NoInfer<C>) => Promise<number>,
) => void;

/**
 * Commands on one case. A command's result is the status it left the case in (read as the command has done
 * its part, not after its event is written, when a timer may have moved the case on) and the event it
 * wrote. `beforeEach` runs as each accepted command starts, before its own work.
 */
export function caseCommands<Status extends string>(
  reference: string,
  state: { status: Status; lastSequence: number },
  beforeEach?: (command: Command) => void,
): CaseCommand<Status> {
  return (definition, check, apply) => {
    registerCommand(definition, check, (cmd) => {
      beforeEach?.(cmd);
      const recorded = apply(cmd);
      const status = state.status;
      // The last event queued when the command is done: its own, and perhaps another's queued while it
      // awaited something (a signal); events are written in order, so waiting for that one is enough.
      return recorded.then((sequence) => ({ reference, status, sequence, recordedUpTo: state.lastSequence }));
    });
  };
}
