import { setHandler } from '@temporalio/workflow';
import * as m from '../asset-transfer.messages.js';
import type { TransferCase } from './transfer-case.js';

type GrantLink = { applicationReference: string; at: string };

export interface GrantLinks {
  /** Links grants have sent, for the main loop to take in turn. */
  links: GrantLink[];
  onLink(link: GrantLink): Promise<void>;
}

/**
 * A grant names this transfer for its tenure: remember it (the timeline shows the link) and, if the
 * transfer has already ended, answer at once.
 */
export function registerGrantLinks({ state, record, route }: TransferCase): GrantLinks {
  const links: GrantLink[] = [];
  setHandler(m.grantLinked, (link) => {
    links.push(link);
  });

  async function onLink({ applicationReference, at }: GrantLink): Promise<void> {
    if (state.linkedApplications.includes(applicationReference)) return;
    state.linkedApplications.push(applicationReference);
    await record('grant.linked', at, null, { payload: { applicationReference }, notify: ['case_officer'] });
    const ended = route.conclusion();
    if (ended) await route.tellGrants(ended, applicationReference);
  }

  return { links, onLink };
}
