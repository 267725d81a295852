import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import type { CommandResult } from '../../workflows/cfp-application.messages.js';
import { runCaseCommand, type CaseKind, type RunCaseCommandOptions } from '../case-commands/run-case-command.js';
import { applicationCommands, type ApplicationCommandContext, type ApplicationCommandName } from './application-commands.js';
import { findApplicationFor } from './find-application.js';

/** A CFP application, named by its reference, carried by the workflow of that id, under its policy version. */
function applicationCase(policies: CfpPolicyCatalogue): CaseKind<string, ApplicationCommandContext> {
  return {
    find: async ({ prisma, actor, address: reference, action, now }) => {
      const { application, actingAs } = await findApplicationFor({ prisma, actor, reference, action });
      const policy = policies.forCase(reference, application.policyVersion);
      return { actingAs, workflowId: reference, context: { prisma, policy, application, now } };
    },
    // An approver decides only up to their own limit: the workflow checks a decision against it.
    delegatedAuthority: true,
  };
}

export interface RunApplicationCommandOptions extends Omit<RunCaseCommandOptions<string>, 'address'> {
  policies: CfpPolicyCatalogue;
  reference: string;
  command: ApplicationCommandName;
}

/** Sends one command to a CFP application (src/operations/case-commands/run-case-command.ts). */
export function runApplicationCommand({
  policies,
  reference,
  command,
  ...options
}: RunApplicationCommandOptions): Promise<Omit<CommandResult, 'recordedUpTo'>> {
  return runCaseCommand(applicationCase(policies), applicationCommands[command], { ...options, address: reference });
}
