import { durationMs } from '../../domain/duration.js';
import { addMs } from '../case/durable-timers.js';
import * as m from '../asset-transfer.messages.js';
import { assetOfficers } from './guards.js';
import type { TransferCase } from './transfer-case.js';

/** Open space: the body publishes a notice, objections come in for a set period, and the body considers them. */
export function registerOpenSpace({ state, process, record, command, mustBe, timers, route }: TransferCase): void {
  const { advance, end, moveTo } = route;

  command(
    m.publishOpenSpaceNotice,
    (cmd) => mustBe(cmd, assetOfficers, ['open_space_notice']),
    (cmd) => {
      const objectionsCloseAt = addMs(cmd.at, durationMs(process.durations.objectionPeriod));
      state.openSpace = { publishedIn: cmd.publishedIn, publishedAt: cmd.at, objectionsCloseAt, objections: [], considered: null };
      moveTo('objection_period', cmd.at);
      timers.set('objections_close', objectionsCloseAt, cmd.at);
      return record('open_space.notice_published', cmd.at, cmd.actor, { payload: { publishedIn: cmd.publishedIn, objectionsCloseAt }, notify: ['group'] });
    },
  );

  command(
    m.recordObjection,
    (cmd) => mustBe(cmd, assetOfficers, ['objection_period']),
    (cmd) => {
      state.openSpace?.objections.push({ objector: cmd.objector, summary: cmd.summary, at: cmd.at });
      return record('open_space.objection_received', cmd.at, cmd.actor, { payload: { objector: cmd.objector, summary: cmd.summary }, notify: ['group'] });
    },
  );

  command(
    m.considerObjections,
    (cmd) => mustBe(cmd, assetOfficers, ['objections_consideration']),
    async (cmd) => {
      if (state.openSpace) state.openSpace.considered = { outcome: cmd.outcome, reasons: cmd.reasons };
      const payload = { outcome: cmd.outcome, reasons: cmd.reasons, objections: state.openSpace?.objections.length ?? 0 };
      if (cmd.outcome === 'decline') {
        await end('declined', cmd.at, cmd.reasons);
        return record('transfer.declined', cmd.at, cmd.actor, {
          payload,
          notify: ['group'],
          summary: { cy: 'Gwrthodwyd y trosglwyddiad ar ôl ystyried gwrthwynebiadau', en: 'The transfer was declined after the objections were considered' },
        });
      }
      advance(cmd.at);
      return record('open_space.objections_considered', cmd.at, cmd.actor, { payload, notify: ['group'] });
    },
  );
}
