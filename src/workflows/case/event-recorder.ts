import type { Bilingual } from '../../domain/bilingual.js';
import { commandRequestId } from '../interceptors.js';
import type { CaseEvent, CommandActor } from './case.messages.js';
import type { EventChain } from './event-chain.js';

export interface RecordOptions<Audience> {
  payload?: Record<string, unknown>;
  notify?: Audience[];
  /** The event's own wording, where the type's standard one says too little. */
  summary?: Bilingual;
}

export type Recorder<Type extends string, Audience, Extra extends object = object> = (
  type: Type,
  at: string,
  actor: CommandActor | null,
  options?: RecordOptions<Audience> & Partial<Extra>,
) => Promise<number>;

/**
 * How a case records what happened: each event takes the next sequence and a copy of the state as it is
 * then, and joins the chain that writes events in order (event-chain.ts). Anything else in the options
 * (a CFP award) goes onto the event as it is. Resolves to the event's sequence once written.
 */
export function eventRecorder<State extends { lastSequence: number }, Type extends string, Audience, Event extends CaseEvent<State, Audience>>(
  reference: string,
  state: State,
  wording: Record<Type, Bilingual>,
  chain: EventChain<Event>,
): Recorder<Type, Audience, Omit<Event, keyof CaseEvent<State, Audience>>> {
  return (type, at, actor, options = {}) => {
    const { payload, notify, summary, ...extra } = options;
    const sequence = ++state.lastSequence;
    const event: CaseEvent<State, Audience> = {
      reference,
      sequence,
      type,
      at,
      actor,
      payload: payload ?? {},
      summary: summary ?? wording[type],
      notify: notify ?? [],
      // A copy: the state moves on while earlier events are still being written.
      state: JSON.parse(JSON.stringify(state)) as State,
      requestId: commandRequestId(),
    };
    return chain.append({ ...event, ...extra } as Event);
  };
}
