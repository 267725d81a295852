import type { TransferCommandResult } from '../../workflows/asset-transfer.messages.js';
import { runCaseCommand, type CaseKind, type RunCaseCommandOptions } from '../case-commands/run-case-command.js';
import { findTransferFor } from './find-transfer.js';
import { transferCommands, type TransferCommandContext, type TransferCommandName } from './transfer-commands.js';

/** A community asset transfer, named by its reference, carried by the workflow of that id. */
const transferCase: CaseKind<string, TransferCommandContext> = {
  find: async ({ prisma, actor, address: reference, action, now }) => {
    const { transfer, actingAs } = await findTransferFor({ prisma, actor, reference, action });
    return { actingAs, workflowId: reference, context: { prisma, transfer, now } };
  },
  // The workflow ends with the case (or the monitoring after it): nothing more can be done on it.
  closed: { cy: 'Mae’r trosglwyddiad hwn wedi cau', en: 'This transfer is closed' },
};

export interface RunTransferCommandOptions extends Omit<RunCaseCommandOptions<string>, 'address'> {
  reference: string;
  command: TransferCommandName;
}

/** Sends one command to a community asset transfer (src/operations/case-commands/run-case-command.ts). */
export function runTransferCommand({ reference, command, ...options }: RunTransferCommandOptions): Promise<Omit<TransferCommandResult, 'recordedUpTo'>> {
  return runCaseCommand(transferCase, transferCommands[command], { ...options, address: reference });
}
