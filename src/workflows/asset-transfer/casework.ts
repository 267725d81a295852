import { isOpen, type TransferStatus } from '../../domain/cat/status.js';
import { applicantRoles } from '../../domain/roles.js';
import * as m from '../asset-transfer.messages.js';
import { assetOfficers } from './guards.js';
import type { TransferCase } from './transfer-case.js';

/** What can happen at any point: the group withdraws, the case goes to another officer, notes. */
export function registerCasework({ state, record, command, mustBe, route }: TransferCase): void {
  const openStatuses = (): TransferStatus[] => (isOpen(state.status) ? [state.status] : []);

  command(
    m.withdrawTransfer,
    (cmd) => mustBe(cmd, applicantRoles, openStatuses()),
    async (cmd) => {
      await route.end('withdrawn', cmd.at, cmd.reason);
      return record('transfer.withdrawn', cmd.at, cmd.actor, { payload: { reason: cmd.reason }, notify: ['group', 'case_officer'] });
    },
  );

  command(
    m.reassignTransferOfficer,
    (cmd) => mustBe(cmd, assetOfficers, [...openStatuses(), 'monitoring']),
    (cmd) => {
      state.caseOfficerId = cmd.caseOfficerId;
      return record('case_officer.assigned', cmd.at, cmd.actor, { payload: { caseOfficerId: cmd.caseOfficerId }, notify: ['case_officer'] });
    },
  );

  command(
    m.addTransferNote,
    (cmd) => mustBe(cmd, assetOfficers, [state.status]),
    (cmd) => record('note.added', cmd.at, cmd.actor, { payload: { text: cmd.text } }),
  );
}
