/**
 * One connection to a class room — the host's dashboard, a projector, or a student — as plain snapshots and
 * events. Socket handlers are a table keyed by message type; close codes become sentences.
 * @module
 */
import {
  CLOSE_CODES,
  type ClientToServerClassMessages,
  type ClientToServerClassType,
  type ServerToClientClassMessages,
  type ServerToClientClassRejected,
  type ServerToClientClassType,
  type ServerToClientSeat,
  type ServerToClientTableDebrief,
} from '@handshake/shared';
import { type ClassSnapshot, classSnapshot } from './classSnapshot.ts';
import type { ClassRoom } from './studentPass.ts';

/** Close codes the class room uses on purpose (REMOVED_BY_HOST is shared with tables), in words for the person. */
export const CLASS_CLOSE_REASONS: Record<number, string> = {
  [CLOSE_CODES.REMOVED_BY_HOST]: 'Your teacher removed you from the class. You may join again with the code.',
  [CLOSE_CODES.BANNED_BY_HOST]: 'Your teacher removed you from this class session for good.',
  [CLOSE_CODES.CLASS_ENDED]: 'The class session has ended. Thank you for playing!',
  [CLOSE_CODES.REPLACED]: 'This class is open in another tab or window; it continues there.',
};
const NORMAL_CLOSE = 1000;

export interface ClassClosed {
  code: number;
  reason: string;
}

export class ClassConnection {
  #snapshot: ClassSnapshot;
  #closed: ClassClosed | null = null;
  #reconnecting = false;
  readonly #changeListeners = new Set<() => void>();
  readonly #seatListeners = new Set<(seat: ServerToClientSeat) => void>();
  readonly #rejectionListeners = new Set<(rejected: ServerToClientClassRejected) => void>();
  readonly #debriefListeners = new Set<(debrief: ServerToClientTableDebrief) => void>();

  constructor(readonly room: ClassRoom) {
    const handlers: { [T in ServerToClientClassType]: (payload: ServerToClientClassMessages[T]) => void } = {
      seat: (seat) => {
        for (const listener of this.#seatListeners) listener(seat);
      },
      rejected: (rejected) => {
        for (const listener of this.#rejectionListeners) listener(rejected);
      },
      tableDebrief: (debrief: ServerToClientTableDebrief) => {
        for (const listener of this.#debriefListeners) listener(debrief);
      },
    };
    room.onMessage('seat', handlers.seat);
    room.onMessage('rejected', handlers.rejected);
    room.onMessage('tableDebrief', handlers.tableDebrief);
    room.onStateChange(() => this.#update());
    room.onDrop(() => this.#setReconnecting(true));
    room.onReconnect(() => this.#setReconnecting(false));
    room.onLeave((code, reason) => {
      this.#closed = {
        code,
        reason:
          CLASS_CLOSE_REASONS[code] ??
          (code === NORMAL_CLOSE
            ? 'You left the class.'
            : `The connection to the class was lost${reason ? ` (${reason})` : ''}.`),
      };
      this.#update();
    });
    this.#snapshot = classSnapshot(room.state);
  }

  get snapshot(): ClassSnapshot {
    return this.#snapshot;
  }

  /** Set once the room closed for good (removed, banned, ended, lost). */
  get closed(): ClassClosed | null {
    return this.#closed;
  }

  get reconnecting(): boolean {
    return this.#reconnecting;
  }

  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  onSeat(listener: (seat: ServerToClientSeat) => void): () => void {
    this.#seatListeners.add(listener);
    return () => this.#seatListeners.delete(listener);
  }

  onRejected(listener: (rejected: ServerToClientClassRejected) => void): () => void {
    this.#rejectionListeners.add(listener);
    return () => this.#rejectionListeners.delete(listener);
  }

  /** Host: a table's debrief, answering `tableDebrief`. */
  onTableDebrief(listener: (debrief: ServerToClientTableDebrief) => void): () => void {
    this.#debriefListeners.add(listener);
    return () => this.#debriefListeners.delete(listener);
  }

  send<T extends ClientToServerClassType>(type: T, message?: ClientToServerClassMessages[T]): void {
    if (this.#closed) return;
    this.room.send(type, message);
  }

  leave(): void {
    this.#changeListeners.clear();
    this.#seatListeners.clear();
    this.#rejectionListeners.clear();
    this.#debriefListeners.clear();
    if (!this.#closed) void this.room.leave(true);
  }

  #setReconnecting(reconnecting: boolean): void {
    this.#reconnecting = reconnecting;
    this.#update();
  }

  #update(): void {
    if (this.room.state) this.#snapshot = classSnapshot(this.room.state);
    for (const listener of this.#changeListeners) listener();
  }
}
