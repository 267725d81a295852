import type { ClaimCommandResult } from '../../workflows/claim.messages.js';
import { AppError } from '../../domain/app-error.js';
import { runCaseCommand, type CaseKind, type RunCaseCommandOptions } from '../case-commands/run-case-command.js';
import { claimCommands, type ClaimCommandContext, type ClaimCommandName } from './claim-commands.js';
import { findAwardFor } from '../awards/find-award.js';

/** Claim `number` of the award on application `reference`. */
interface ClaimAddress {
  reference: string;
  number: number;
}

/** A claim, carried by its own workflow, `<award reference>/C<number>`; who may act on it is the award's. */
const claimCase: CaseKind<ClaimAddress, ClaimCommandContext> = {
  find: async ({ prisma, actor, address: { reference, number }, action, now }) => {
    const { actingAs } = await findAwardFor({ prisma, actor, reference, action });
    const claimId = `${reference}/C${number}`;
    if (!(await prisma.claim.findUnique({ where: { id: claimId }, select: { id: true } }))) {
      throw new AppError('not_found', { cy: `Nid oes hawliad ${claimId}`, en: `There is no claim ${claimId}` });
    }
    return { actingAs, workflowId: claimId, context: { prisma, awardReference: reference, now } };
  },
  closed: { cy: 'Mae’r hawliad hwn wedi cau', en: 'This claim is closed' },
};

export interface RunClaimCommandOptions extends Omit<RunCaseCommandOptions<ClaimAddress>, 'address'>, ClaimAddress {
  command: ClaimCommandName;
}

/** Sends one command to a claim (src/operations/case-commands/run-case-command.ts); resolves once the workflow recorded it. */
export function runClaimCommand({ reference, number, command, ...options }: RunClaimCommandOptions): Promise<ClaimCommandResult> {
  return runCaseCommand(claimCase, claimCommands[command], { ...options, address: { reference, number } });
}
