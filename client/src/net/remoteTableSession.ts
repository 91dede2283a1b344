/**
 * A table on the game server, as a TableSession: the Colyseus room's public state and this seat's `view`
 * message (whole, then patched: shared/src/protocol/viewPatch.ts) become TableSnapshots; requests become room
 * messages. Socket handlers are a table keyed by type.
 * @module
 */
import type { Room } from '@colyseus/sdk';
import {
  CLOSE_CODES,
  type ClientToServerTableMessages,
  type ClientToServerTableType,
  FRAMEWORK_CLOSE_CODES,
  type MoveInput,
  type ProtocolMode,
  type PublicTableState,
  ReceivedView,
  ROLES,
  type Role,
  type ServerToClientTableMessages,
  type ServerToClientTableType,
  type TableView,
  VIEW_PATCH_MESSAGE,
  VIEW_REQUEST_MESSAGE,
} from '@handshake/shared';
import type { ConnectionStatus, Rejection, TableSession, TableSnapshot } from '../table/session.ts';

/** WebSocket close codes the server uses on purpose, in words for the player. */
const CLOSE_REASONS: Record<number, string> = {
  [CLOSE_CODES.REMOVED_BY_HOST]: 'The host removed you from the table.',
  [FRAMEWORK_CLOSE_CODES.CONSENTED]: 'The table closed.',
};
const NORMAL_CLOSE = 1000;
const RECONNECT_AFTER_MS = 500;

type TableRoom = Room<unknown, PublicTableState>;

export class RemoteTableSession implements TableSession {
  #snapshot: TableSnapshot;
  /** This seat's view: whole on join and reconnect, then moved on by the server's patches. */
  readonly #view: ReceivedView<TableView>;
  #connection: ConnectionStatus = 'connected';
  #closedReason: string | null = null;
  readonly #changeListeners = new Set<(snapshot: TableSnapshot) => void>();
  readonly #rejectionListeners = new Set<(rejection: Rejection) => void>();

  constructor(
    readonly room: TableRoom,
    readonly nickname: string,
  ) {
    this.#view = new ReceivedView<TableView>(() => room.send(VIEW_REQUEST_MESSAGE));
    const handlers: { [T in ServerToClientTableType]: (payload: ServerToClientTableMessages[T]) => void } = {
      view: (view) => {
        this.#view.whole(view);
        this.#update();
      },
      viewPatch: (patch) => {
        if (this.#view.patch(patch)) this.#update();
      },
      rejected: (rejected) => {
        for (const listener of this.#rejectionListeners) listener(rejected);
      },
    };
    // A pupil whose Wi-Fi drops just after joining should come back too (the SDK waits 5 s by default).
    room.reconnection.minUptime = RECONNECT_AFTER_MS;
    room.onMessage('view', handlers.view);
    room.onMessage(VIEW_PATCH_MESSAGE, handlers.viewPatch);
    room.onMessage('rejected', handlers.rejected);
    room.onStateChange(() => this.#update());
    room.onDrop(() => this.#setConnection('reconnecting'));
    room.onReconnect(() => this.#setConnection('connected'));
    room.onLeave((code, reason) => {
      this.#closedReason =
        CLOSE_REASONS[code] ??
        (code === NORMAL_CLOSE
          ? 'You left the table.'
          : `The connection to the table was lost${reason ? ` (${reason})` : ''}.`);
      this.#setConnection('closed');
    });
    room.onError((_code, message) => {
      for (const listener of this.#rejectionListeners) {
        listener({ request: 'connection', code: 'SERVER_ERROR', message: message ?? 'The table hit a problem.' });
      }
    });
    this.#snapshot = this.#build();
  }

  get snapshot(): TableSnapshot {
    return this.#snapshot;
  }

  /** Lets this browser come back to its seat after a reload (valid for the server's reconnection window). */
  get reconnectionToken(): string {
    return this.room.reconnectionToken;
  }

  onChange(listener: (snapshot: TableSnapshot) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  onRejected(listener: (rejection: Rejection) => void): () => void {
    this.#rejectionListeners.add(listener);
    return () => this.#rejectionListeners.delete(listener);
  }

  sendMove(move: MoveInput): void {
    this.#send('move', move);
  }

  pickRole(role: Role | null): void {
    this.#send('pickRole', { role });
  }

  configure(scenarioId: string, mode: ProtocolMode): void {
    this.#send('configure', { scenarioId, mode });
  }

  start(): void {
    this.#send('start', undefined);
  }

  removeFromSeat(role: Role): void {
    // The room names people by session; an empty seat goes to the server too, which answers UNKNOWN_PLAYER.
    const sessionId = this.room.state.seats.get(role)?.sessionId ?? '';
    this.#send('remove', { sessionId });
  }

  leave(): void {
    if (this.#connection !== 'closed') void this.room.leave(true);
  }

  /** Every message this session sends, typed by the protocol's schemas. */
  #send<T extends ClientToServerTableType>(type: T, payload: ClientToServerTableMessages[T]): void {
    this.room.send(type, payload);
  }

  #setConnection(status: ConnectionStatus): void {
    this.#connection = status;
    this.#update();
  }

  #update(): void {
    this.#snapshot = this.#build();
    for (const listener of this.#changeListeners) listener(this.#snapshot);
  }

  /**
   * The step's countdown as this player sees it: the table counts down to the earliest human deadline; a
   * player with extra time has a later deadline of their own (both are server times, so their difference is exact).
   */
  #secondsLeft(role: Role | null): number | null {
    const state = this.room.state;
    if (!state?.stepDeadline || state.phase === 'debrief') return null;
    const mine = role ? state.seats.get(role) : undefined;
    if (mine && state.awaiting.includes(role!) && !mine.bot) {
      if (!mine.stepDeadline) return null; // no time limit for this player
      return Math.max(0, state.stepSecondsLeft + Math.round((mine.stepDeadline - state.stepDeadline) / 1000));
    }
    return state.stepSecondsLeft;
  }

  #build(): TableSnapshot {
    const state = this.room.state;
    const mine = this.room.sessionId;
    const seats = ROLES.map((role) => {
      const seat = state?.seats?.get(role);
      return {
        role,
        nickname: seat?.nickname ?? '',
        bot: seat?.bot ?? true,
        connected: seat?.connected ?? false,
        you: seat !== undefined && seat.sessionId === mine,
      };
    });
    const role = seats.find((s) => s.you)?.role ?? null;
    return {
      code: state?.code || this.room.roomId,
      seats,
      you: { role, isHost: state?.hostSessionId === mine, nickname: this.nickname },
      scenarioId: state?.scenarioId ?? '',
      mode: (state?.mode || 'tls13') as ProtocolMode,
      round: state?.round ?? 0,
      stepSecondsLeft: this.#secondsLeft(role),
      paused: state?.paused ?? false,
      view: this.#view.current,
      connection: this.#connection,
      closedReason: this.#closedReason,
    };
  }
}
