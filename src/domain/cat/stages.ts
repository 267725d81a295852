import { transferStages, type TransferProcess, type TransferStage } from './process.js';

/** What decides which of the law's own steps a case passes through. */
export interface RouteFacts {
  needsMinistersConsent: boolean;
  openSpace: boolean;
}

/** The stages a case passes through under a body's process, given what is known of it. */
export function routeOf(process: Pick<TransferProcess, 'stages'>, facts: RouteFacts): TransferStage[] {
  const configured = new Set<TransferStage>(process.stages);
  if (facts.needsMinistersConsent) configured.add('ministers_consent');
  if (facts.openSpace) configured.add('open_space_notice');
  return transferStages.filter((stage) => configured.has(stage));
}

/** The stage a case starts in. */
export function firstStage(process: Pick<TransferProcess, 'stages'>, facts: RouteFacts): TransferStage {
  const [first] = routeOf(process, facts);
  if (!first) throw new Error('A transfer process has no stages');
  return first;
}

/** The stage after `current`, or null when the transfer has nothing left (it ends there). */
export function stageAfter(process: Pick<TransferProcess, 'stages'>, current: TransferStage, facts: RouteFacts): TransferStage | null {
  const order = transferStages.indexOf(current);
  return routeOf(process, facts).find((stage) => transferStages.indexOf(stage) > order) ?? null;
}
