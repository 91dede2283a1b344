/**
 * A student's class page controller: the class connection (held from the home page, or joined again with
 * the key this tab kept), the table seat it is sent, and how it ended. The route draws it.
 * @module
 */
import { CLOSE_CODES, checkNicknameForm, type ServerToClientSeat } from '@handshake/shared';
import { Announcer } from '../log/announcer.ts';
import { openTableSession } from '../net/join.ts';
import type { RemoteTableSession } from '../net/remoteTableSession.ts';
import { ClassConnection } from './classConnection.ts';
import { type ClassSnapshot, type ClassStudentEntry, ordinal } from './classSnapshot.ts';
import { joinClass } from './studentJoin.ts';
import { type ClassRoom, forgetStudentPass, type StudentPass, savedStudentPass, takeClassRoom } from './studentPass.ts';

/** After a lost table connection, ask the class for the seat again no more often than this. */
const SEAT_RETRY_MS = 3_000;
const TURNED_AWAY = 'Your teacher did not let you in this time. You may ask again by joining with the code.';

export type StudentStage =
  | { kind: 'connecting' }
  | { kind: 'nickname'; error: string | null }
  | { kind: 'class' }
  | { kind: 'closed'; code: number; reason: string };

export class StudentCtrl {
  stage: StudentStage = { kind: 'connecting' };
  connection: ClassConnection | null = null;
  pass: StudentPass | null = null;
  table: { session: RemoteTableSession; seat: ServerToClientSeat } | null = null;
  readonly announcer = new Announcer();
  #lastSeatRequest = 0;
  #standing = '';
  #paused = false;
  #roster: Map<string, string> | null = null;
  #gone = false;
  /** This student waits for the teacher to let them in (as of the last state). */
  #waitingToBeLetIn = false;

  constructor(
    readonly code: string,
    /** Redraws; `tableChanged` when the table session was replaced (the screen must be mounted again). */
    readonly redraw: (tableChanged: boolean) => void,
  ) {}

  get snapshot(): ClassSnapshot | null {
    return this.connection?.snapshot ?? null;
  }

  get me(): ClassStudentEntry | null {
    return this.snapshot?.students.find((s) => s.id === this.pass?.studentId) ?? null;
  }

  async start(): Promise<void> {
    const held = takeClassRoom(this.code);
    if (held) return this.#enter(held.room, held.pass);
    const pass = savedStudentPass(this.code);
    if (!pass) return this.#set({ kind: 'nickname', error: null });
    await this.rejoin();
  }

  /** Comes back as the same student (after a reload, a lost connection, or being removed). */
  async rejoin(): Promise<void> {
    const pass = savedStudentPass(this.code);
    if (!pass) return this.#set({ kind: 'nickname', error: null });
    this.#set({ kind: 'connecting' });
    const joined = await joinClass(this.code, { studentKey: pass.studentKey, nickname: pass.nickname });
    if (!joined.ok) {
      if (joined.error.code === 'BANNED') forgetStudentPass(this.code);
      return this.#set({ kind: 'closed', code: 0, reason: joined.error.message });
    }
    this.#enter(joined.room, joined.pass);
  }

  async joinWithNickname(nickname: string): Promise<void> {
    // The protocol's form rules answer at once; an empty name still goes to a class that hands them out.
    const typed = nickname.trim() ? checkNicknameForm(nickname) : null;
    if (typed && !typed.ok) return this.#set({ kind: 'nickname', error: typed.error.message });
    this.#set({ kind: 'connecting' });
    const joined = await joinClass(this.code, { nickname: typed?.value ?? '' });
    if (!joined.ok) return this.#set({ kind: 'nickname', error: joined.error.message });
    this.#enter(joined.room, joined.pass);
  }

  destroy(): void {
    this.#gone = true;
    this.table?.session.leave();
    this.table = null;
    this.connection?.leave();
  }

  #enter(room: ClassRoom, pass: StudentPass): void {
    if (this.#gone) {
      void room.leave(true);
      return;
    }
    this.pass = pass;
    const connection = new ClassConnection(room);
    this.connection = connection;
    connection.onSeat((seat) => void this.#takeSeat(seat));
    connection.onRejected((rejected) => this.announcer.alert(rejected.message));
    connection.onChange(() => this.#changed());
    this.stage = { kind: 'class' };
    this.#changed();
  }

  async #takeSeat(seat: ServerToClientSeat): Promise<void> {
    const current = this.table;
    if (current && current.seat.tableCode === seat.tableCode && current.session.snapshot.connection !== 'closed')
      return;
    try {
      const session = await openTableSession(seat.reservation, this.me?.nickname ?? this.pass?.nickname ?? '');
      if (this.#gone || this.connection?.closed) return session.leave();
      current?.session.leave();
      this.table = { session, seat };
      session.onChange(() => this.#watchTable());
      this.announcer.say(`You sit at table ${seat.tableNumber}.`);
      this.redraw(true);
    } catch {
      this.announcer.alert('Your table could not be reached; trying again.');
      this.#requestSeat();
    }
  }

  /** The table connection closed while the class goes on: ask the class for the seat again. */
  #watchTable(): void {
    if (this.table?.session.snapshot.connection === 'closed' && !this.connection?.closed) this.#requestSeat();
  }

  #requestSeat(): void {
    if (Date.now() - this.#lastSeatRequest < SEAT_RETRY_MS) return;
    this.#lastSeatRequest = Date.now();
    setTimeout(() => {
      if (!this.#gone && !this.connection?.closed) this.connection?.send('requestSeat');
    }, 500);
  }

  #changed(): void {
    const connection = this.connection;
    if (!connection) return;
    if (connection.closed) {
      if (connection.closed.code === CLOSE_CODES.BANNED_BY_HOST) forgetStudentPass(this.code);
      const hadTable = this.table !== null;
      this.table?.session.leave();
      this.table = null;
      // Sent away while waiting to be let in: that is what happened, not a removal from the class.
      const turnedAway = this.#waitingToBeLetIn && connection.closed.code === CLOSE_CODES.REMOVED_BY_HOST;
      const reason = turnedAway ? TURNED_AWAY : connection.closed.reason;
      this.stage = { kind: 'closed', code: connection.closed.code, reason };
      this.announcer.alert(reason);
      this.redraw(hadTable);
      return;
    }
    const snapshot = connection.snapshot;
    if (snapshot.paused !== this.#paused) {
      this.#paused = snapshot.paused;
      this.announcer.alert(snapshot.paused ? 'Your teacher paused the game.' : 'The game goes on.');
    }
    this.#sayWhoCame(snapshot);
    const me = this.me;
    if (this.#waitingToBeLetIn && me && !me.pending) this.announcer.say('Your teacher let you in.');
    this.#waitingToBeLetIn = me?.pending ?? false;
    const standing =
      me && me.rank > 0 && me.roundsPlayed > 0 ? `You are ${ordinal(me.rank)} with ${me.total} points.` : '';
    if (standing && standing !== this.#standing) this.announcer.say(standing);
    this.#standing = standing;
    this.redraw(false);
  }

  /** The lobby's roster changes, read out: who joined and who left. */
  #sayWhoCame(snapshot: ClassSnapshot): void {
    const now = new Map(snapshot.students.filter((s) => s.arrived && !s.pending).map((s) => [s.id, s.nickname]));
    if (this.#roster !== null) {
      for (const [id, nickname] of now) if (!this.#roster.has(id)) this.announcer.say(`${nickname} joined the class.`);
      for (const [id, nickname] of this.#roster) if (!now.has(id)) this.announcer.say(`${nickname} left the class.`);
    }
    this.#roster = now;
  }

  #set(stage: StudentStage): void {
    this.stage = stage;
    this.redraw(false);
  }
}
