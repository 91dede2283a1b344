/** Helpers every move handler uses: randomness per move, pockets, envelopes, the log. @module */
import { type Rng, seededRng } from '../rng/rng.ts';
import type { Envelope, Item, LogEvent, Party, TableState } from './state.ts';

/** The generator for the move being applied: a pure function of the seed and the version. */
export function moveRng(state: TableState, purpose: string): Rng {
  return seededRng(state.seed, `move:${state.version}:${purpose}`);
}

export function findItem(state: TableState, party: Party, id: string): Item | undefined {
  return state.pockets[party].find((i) => i.id === id);
}

/** Adds or replaces an item in a party's pocket. */
export function give(state: TableState, party: Party, item: Item): void {
  const pocket = state.pockets[party];
  const at = pocket.findIndex((i) => i.id === item.id);
  if (at >= 0) pocket[at] = item;
  else pocket.push(item);
}

export function log(
  state: TableState,
  actor: Party | 'engine',
  text: string,
  visibleTo: LogEvent['visibleTo'] = 'all',
): void {
  state.log.push({ at: state.version, actor, text, visibleTo });
}

/** Puts an envelope on a channel. Wire envelopes stop at the eavesdropper first ('held'). */
export function send(
  state: TableState,
  fields: Omit<Envelope, 'id' | 'status' | 'interference' | 'sentAt' | 'sentBy' | 'about'> & {
    sentBy?: Party;
    about?: string | null;
    interference?: Envelope['interference'];
  },
): Envelope {
  // The eavesdropper sits on the wire: it holds what the real parties send, except on the half it is itself the endpoint of.
  const held =
    fields.channel === 'wire' &&
    (fields.sentBy ?? fields.from) !== 'eavesdropper' &&
    fields.conn !== 'mitm-client' &&
    fields.conn !== 'mitm-server' &&
    fields.layer !== 'tcp';
  const envelope: Envelope = {
    ...fields,
    about: fields.about ?? null,
    id: state.envelopes.length,
    sentBy: fields.sentBy ?? fields.from,
    interference: fields.interference ?? null,
    status: held ? 'held' : 'delivered',
    sentAt: state.version,
  };
  state.envelopes.push(envelope);
  if (!held) state.arrivals.push(envelope.id);
  return envelope;
}

/** Lets a held envelope go on to its recipient, who reacts once the move is made (see `arrivals`). */
export function deliver(state: TableState, envelope: Envelope): void {
  if (envelope.status !== 'held') return;
  envelope.status = 'delivered';
  state.arrivals.push(envelope.id);
}

export function heldEnvelopes(state: TableState): Envelope[] {
  return state.envelopes.filter((e) => e.status === 'held');
}
