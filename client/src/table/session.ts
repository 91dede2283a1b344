/**
 * A table as the game screen sees it, wherever it runs: on the game server (a class or a shared table)
 * or in this browser (private practice against bots). Screens draw a TableSnapshot and call these methods;
 * they never know which kind of table they hold.
 * @module
 */
import type { MoveInput, ProtocolMode, Role, TableView } from '@handshake/shared';

export interface SeatSnapshot {
  role: Role;
  /** Empty when nobody sits there. */
  nickname: string;
  /** A bot plays this seat (this round, or the next one if nobody takes it). */
  bot: boolean;
  connected: boolean;
  /** This browser sits here. */
  you: boolean;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface TableSnapshot {
  /** The code others join with; null for a private practice table. */
  code: string | null;
  seats: SeatSnapshot[];
  /** The seat this browser holds (null = watching), and whether it may configure and start rounds. */
  you: { role: Role | null; isHost: boolean; nickname: string };
  scenarioId: string;
  mode: ProtocolMode;
  /** Rounds started at this table so far (0 = lobby). */
  round: number;
  /** Seconds left for the current step, or null when no human is awaited / no limit. */
  stepSecondsLeft: number | null;
  /** The class paused every table: moves wait (a practice table is never paused). */
  paused: boolean;
  /** The engine's view for this browser's seat; null until the first round starts. */
  view: TableView | null;
  connection: ConnectionStatus;
  /** Why the connection closed, in words for the player (set when connection is 'closed'). */
  closedReason: string | null;
}

/** A refused request, to show the player: nothing changed. */
export interface Rejection {
  request: string;
  code: string;
  message: string;
}

export interface TableSession {
  readonly snapshot: TableSnapshot;
  /** Called with every new snapshot; returns an unsubscribe function. */
  onChange(listener: (snapshot: TableSnapshot) => void): () => void;
  onRejected(listener: (rejection: Rejection) => void): () => void;
  /** A move for the engine, made against the view's version. */
  sendMove(move: MoveInput): void;
  pickRole(role: Role | null): void;
  configure(scenarioId: string, mode: ProtocolMode): void;
  start(): void;
  /** Host only: sends the person in that seat away from the table (they may join again with the code). */
  removeFromSeat(role: Role): void;
  leave(): void;
}
