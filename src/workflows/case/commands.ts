import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Command } from './case.messages.js';

/**
 * Registers a command as an Update. `check` runs as its validator, so a refused command leaves nothing in
 * history, and again as the handler starts: two commands accepted together (two approvers at once) are both
 * validated against the state before either ran, so the second is checked again after the first has
 * changed it, and only one takes effect. `handle` answers with the command's result.
 */
export function registerCommand<R, C extends Command, N extends string>(
  definition: UpdateDefinition<R, [C], N>,
  check: (command: NoInfer<C>) => void,
  handle: (command: NoInfer<C>) => Promise<R>,
): void {
  const handler = (command: C): Promise<R> => {
    check(command);
    return handle(command);
  };
  // setHandler types its handler with a conditional type that TypeScript cannot resolve for a generic
  // definition; the handler matches it for every concrete one.
  setHandler<R, [C], UpdateDefinition<R, [C], N>>(definition, handler as never, { validator: check });
}
