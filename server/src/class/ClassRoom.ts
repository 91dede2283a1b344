/**
 * A class session: the roster, the settings, the tables and the leaderboard, and the host's controls.
 * A thin adapter over `shared/src/competition`: it seats students by its rotation, starts each table's
 * rounds, turns each table's debrief into result rows (stored at once) and mirrors the leaderboard.
 * @module
 */
import {
  type Client,
  type Deferred,
  type Delayed,
  matchMaker,
  Room,
  type RoomException,
  ServerError,
} from '@colyseus/core';
import {
  CLIENT_TO_SERVER_CLASS_SCHEMAS,
  CLOSE_CODES,
  type ClassErrorCode,
  type ClassSettings,
  type ClientToServerClassMessages,
  findScenario,
  isTimeAllowance,
  type Lineup,
  leaderboard,
  type ProtocolMode,
  pendingResults,
  placeLatecomer,
  ROLES,
  type Role,
  roleAt,
  roundResults,
  type ServerToClientClassRejected,
  type ServerToClientSeat,
  type ServerToClientTableDebrief,
  type StudentRoundResult,
  scenarioForRound,
  seatingForRound,
  splitIntoTables,
  splitWithoutBots,
  stepLimitMs,
  TEAM_NAMES,
  type TimeAllowance,
  teamTotals,
  updateClassSettings,
} from '@handshake/shared';
import { TABLE_ROOM_NAME } from '../http/tableRoutes.ts';
import { hostKeyMatches, newHostKey, secretHash } from '../rooms/hostKey.ts';
import { routeMessages } from '../rooms/messageRouter.ts';
import { liveRoomCodes } from '../rooms/roomCode.ts';
import type { TableRoom } from '../rooms/TableRoom.ts';
import type { ClassServerSettings } from '../settings.ts';
import { mirrorLeaderboard, mirrorProgress, mirrorSeating, mirrorSettings, mirrorStudent } from './classMirror.ts';
import type { ClassSeatAssignment, ClassTableLink, TableProgress, TableRoundReport } from './classTable.ts';
import { Roster, type StudentAdmission, type StudentRecord } from './roster.ts';
import { ClassTable, PublicClass } from './schema/ClassState.ts';
import type { ClassStore, ResumableSession, StoredStudent } from './store.ts';

export const CLASS_ROOM_NAME = 'class';
/** How long after a student (re)joins their seat is offered: the SDK drops messages that arrive with the join. */
const SEAT_OFFER_DELAY_MS = 100;
/** Host connections (dashboard, projector, second screens) the class room makes room for besides students. */
const HOST_CONNECTIONS = 20;
/** A reservation is handed out again only while it has this long left to be used. */
const RESERVATION_REUSE_MARGIN_MS = 1_000;

/** Server-side options, set by the class routes (clients cannot create rooms). */
export interface ClassRoomOptions {
  sessionId: string;
  hostKey: string;
  settings: ClassSettings;
  store: ClassStore;
  limits: ClassServerSettings;
  reconnectionWindowSeconds: number;
  /** How long a seat reservation waits to be used (s): a join that never connects frees its place after it. */
  seatReservationSeconds: number;
  log: (line: string) => void;
  /** Set when the server resumes a session it stopped: its code, round, roster and results come from the store. */
  resume?: ResumableSession;
}

interface ClassTableRecord {
  number: number;
  code: string;
  lineup: Lineup;
  /** Each seat's step limit and whether it is finished, for the round being played. */
  limits: Record<Role, number | null>;
  done: boolean;
}

/** A projector watches with its own key: it sees what the host sees and controls nothing. */
type ClassAuth = { kind: 'host' } | { kind: 'projector' } | { kind: 'student'; studentId: string };
type ClassClient = Client<{ auth: ClassAuth }>;

type Refusal = Omit<ServerToClientClassRejected, 'request'>;
const refusal = (code: ClassErrorCode, message: string): Refusal => ({ code, message });
const NOT_HOST = refusal('NOT_HOST', 'Only the teacher can do that.');
const ENDED = refusal('CLASS_ENDED', 'This class session has ended.');
const UNKNOWN_STUDENT = refusal('UNKNOWN_STUDENT', 'There is no such student in this class.');

/** Live class rooms of this process by session id, so HTTP routes can reach a running session. */
export const liveClasses = new Map<string, ClassRoom>();

export class ClassRoom extends Room<{ state: PublicClass; client: ClassClient }> {
  override state = new PublicClass();
  override autoDispose = false;

  #sessionId = '';
  /** SHA-256 of the host key (a resumed session knows only that). */
  #hostKeyHash = '';
  /** The key a projector link carries: it opens the projector view on any screen, and nothing else. */
  readonly #projectorKey = newHostKey();
  #store!: ClassStore;
  #limits!: ClassServerSettings;
  #reconnectSeconds = 60;
  #log!: (line: string) => void;
  #settings!: ClassSettings;
  readonly #roster = new Roster();
  readonly #reconnections = new Map<string, Deferred<Client>>();
  /** Sessions closed on purpose (removed, banned, replaced): not offered a reconnection. */
  readonly #letGo = new Set<string>();
  #tables: ClassTableRecord[] = [];
  #round = 0;
  #results: StudentRoundResult[] = [];
  #starting = false;
  #idleTimer: Delayed | undefined;
  #reservationSeconds = 15;
  /** A resumed session opening its tables again. */
  #reopening: Promise<void> | null = null;

  override onCreate(options: ClassRoomOptions): void {
    const resume = options.resume;
    this.roomId = resume ? liveRoomCodes.claim(() => resume.code) : liveRoomCodes.claim();
    this.#sessionId = options.sessionId;
    this.#hostKeyHash = resume ? resume.ownerKeyHash : secretHash(options.hostKey);
    this.#store = options.store;
    this.#limits = options.limits;
    this.#reconnectSeconds = options.reconnectionWindowSeconds;
    this.#log = options.log;
    // Each student holds at most one connection and one unused reservation at a time.
    this.maxClients = 2 * options.limits.maxStudents + HOST_CONNECTIONS;
    this.#reservationSeconds = options.seatReservationSeconds;
    this.seatReservationTimeout = options.seatReservationSeconds;
    this.state.code = this.roomId;
    this.state.maxStudents = options.limits.maxStudents;
    this.#applySettings(options.settings);
    if (resume) this.#resume(resume);
    else {
      this.#store.createSession({
        id: this.#sessionId,
        code: this.roomId,
        hostKey: options.hostKey,
        settings: this.#settings,
      });
    }
    liveClasses.set(this.#sessionId, this);

    routeMessages(this, {
      schemas: CLIENT_TO_SERVER_CLASS_SCHEMAS,
      // Everything but `requestSeat` is the host's; anyone else is told so before their payload is read.
      maySend: (client: ClassClient, type) => (type === 'requestSeat' ? undefined : this.#hostOnly(client)),
      handlers: {
        configure: (_c, m) => this.#onConfigure(m),
        rename: (_c, m) => this.#onRename(m),
        remove: (_c, m) => this.#onRemove(m, false),
        ban: (_c, m) => this.#onRemove(m, true),
        lock: (_c, m) => this.#onLock(m),
        setTimeAllowance: (_c, m) => this.#onSetTimeAllowance(m),
        setTeam: (_c, m) => this.#onSetTeam(m),
        start: () => this.#onStart(),
        nextRound: (_c, m) => this.#onNextRound(m),
        pause: () => this.#onPause(true),
        resume: () => this.#onPause(false),
        end: () => this.#onEnd(),
        requestSeat: (c: ClassClient) => this.#onRequestSeat(c),
        tableDebrief: (c: ClassClient, m) => this.#onTableDebrief(c, m),
        admission: (_c, m) => this.#onAdmission(m),
        approve: (_c, m) => this.#onApprove(m),
      },
      reject: (client, request, refused) => this.#reject(client, request, refused),
      malformed: (_type, message) => refusal('MALFORMED_REQUEST', message),
      unknownType: (type) => refusal('UNKNOWN_MESSAGE', `The class does not understand "${type}".`),
    });
    this.#armIdleEnd();
    this.#event(`created (session ${this.#sessionId})`);
  }

  get sessionId(): string {
    return this.#sessionId;
  }

  isHostKey(given: unknown): boolean {
    return typeof given === 'string' && hostKeyMatches(this.#hostKeyHash, secretHash(given));
  }

  /** For the host only (the route checks the host key before it hands this out). */
  get projectorKey(): string {
    return this.#projectorKey;
  }

  isProjectorKey(given: unknown): boolean {
    return hostKeyMatches(this.#projectorKey, given);
  }

  /**
   * Picks up a session the server stopped: the roster (students come back with their keys), the results so
   * far, the playlist position, and the tables with their lineups. The round that was being played is stored
   * as interrupted; the teacher starts the next one.
   */
  #resume(resume: ResumableSession): void {
    this.#persist(() => this.#store.resumeSession(this.#sessionId));
    const lineups = new Map<number, Lineup>();
    for (const stored of this.#store.storedStudents(this.#sessionId)) {
      const record = restoredRecord(stored);
      const left = stored.leftRoster === 2 ? 'banned' : stored.leftRoster === 1 ? 'removed' : 'on';
      this.#roster.restore(record, stored.keyHash ?? '', left);
      if (left !== 'on') continue;
      if (record.table !== null && record.place !== null) {
        const lineup = lineups.get(record.table) ?? [null, null, null, null];
        lineup[record.place] = record.id;
        lineups.set(record.table, lineup);
      }
      this.#mirrorStudent(record);
    }
    this.#results = this.#store.roundResults(this.#sessionId);
    this.#round = resume.round;
    this.state.round = resume.round;
    if (resume.round > 0) {
      this.state.status = resume.round >= this.#settings.rounds ? 'finished' : 'between-rounds';
      const numbers = [...lineups.keys()].sort((a, b) => a - b);
      this.#reopening = (async () => {
        for (const number of numbers) {
          const table = await this.#openTable(lineups.get(number)!);
          const view = this.state.tables[table.number - 1];
          if (view) view.phase = 'interrupted';
        }
      })().finally(() => {
        this.#reopening = null;
      });
    }
    this.#refreshLeaderboard();
    this.#event(`resumed after a restart at round ${resume.round}`);
  }

  /**
   * Admits a student before their seat reservation (see `Roster.admit`). A new student is on the teacher's
   * roster at once (not yet arrived, removable); if their reservation runs out unused they leave it again.
   * They are stored when they arrive.
   */
  admitStudent(request: unknown): StudentAdmission {
    const admission = this.#roster.admit(request, {
      ended: this.state.status === 'ended',
      locked: this.state.locked,
      maxStudents: this.state.maxStudents,
      generatedNicknames: this.#settings.generatedNicknames,
      teams: this.#settings.teams,
      approveJoins: this.state.approveJoins,
    });
    if (!admission.ok) return admission;
    const { student } = admission;
    this.#mirrorStudent(student);
    if (!student.arrived) {
      this.#event(`${student.nickname} is joining${student.pending ? ' (waits for approval)' : ''}`);
      this.clock.setTimeout(() => this.#forgetIfNotArrived(student), this.#reservationSeconds * 1000 + 500);
    } else this.#saveStudent(student);
    return admission;
  }

  /**
   * A reservation of the class room for `student`: the one handed out last while it is unused and fresh, so
   * repeated joins with one key hold one place. Null when the room cannot take them right now.
   */
  async reservationFor(student: StudentRecord): Promise<unknown | null> {
    const now = Date.now();
    if (student.reservation && student.reservation.expiresAt - RESERVATION_REUSE_MARGIN_MS > now) {
      return student.reservation.value;
    }
    try {
      const listing = await matchMaker.getRoomById(this.roomId);
      const value = await matchMaker.reserveSeatFor(listing, { studentId: student.id });
      student.reservation = { value, expiresAt: now + this.#reservationSeconds * 1000 };
      return value;
    } catch (error) {
      this.#event(`could not reserve a place for ${student.nickname}: ${(error as Error).message}`);
      return null;
    }
  }

  #forgetIfNotArrived(student: StudentRecord): void {
    if (student.arrived || this.#roster.get(student.id) !== student) return;
    this.#roster.remove(student, false);
    this.state.students.delete(student.id);
    this.#event(`${student.nickname} never arrived; their place is free again`);
    this.#refreshLeaderboard();
  }

  override onAuth(
    _client: ClassClient,
    options: { host?: boolean; projector?: boolean; studentId?: string },
  ): ClassAuth {
    if (options.host === true) return { kind: 'host' };
    if (options.projector === true) return { kind: 'projector' };
    if (this.#roster.get(options.studentId)) {
      return { kind: 'student', studentId: options.studentId as string };
    }
    throw new ServerError(403, 'NOT_ADMITTED: join the class with its code first.');
  }

  override async onJoin(client: ClassClient): Promise<void> {
    this.#idleTimer?.clear();
    const auth = client.auth as ClassAuth;
    if (auth.kind === 'host') {
      this.#refreshHostConnected();
      this.#event('a host connection joined');
      return;
    }
    if (auth.kind === 'projector') return this.#event('a projector joined');
    const record = this.#roster.get(auth.studentId);
    if (!record) return client.leave(CLOSE_CODES.REMOVED_BY_HOST, 'You are no longer in this class.');
    const previous = record.sessionId;
    record.sessionId = client.sessionId;
    record.connected = true;
    record.reservation = null;
    if (!record.arrived) {
      record.arrived = true;
      this.#saveStudent(record);
      this.#savePlace(record, secretHash(record.key));
    }
    if (previous && previous !== client.sessionId)
      this.#release(previous, CLOSE_CODES.REPLACED, 'You joined from elsewhere.');
    this.#mirrorStudent(record);
    this.#event(`${record.nickname} joined`);
    if (this.#tables.length > 0 && record.table === null && !record.pending) await this.#seatLatecomer(record);
    // A moment after the join completes, so that the browser has its message handlers in place.
    if (record.table !== null) this.clock.setTimeout(() => void this.#sendSeat(record), SEAT_OFFER_DELAY_MS);
  }

  override onDrop(client: ClassClient): void {
    if (this.#letGo.has(client.sessionId)) return;
    this.#setConnected(client, false);
    const reconnection = this.allowReconnection(client, this.#reconnectSeconds);
    this.#reconnections.set(client.sessionId, reconnection);
    const forget = () => this.#reconnections.delete(client.sessionId);
    reconnection.then(forget, forget);
  }

  override onReconnect(client: ClassClient): void {
    this.#setConnected(client, true);
  }

  override onLeave(client: ClassClient): void {
    this.#letGo.delete(client.sessionId);
    const auth = client.auth as ClassAuth;
    if (auth.kind === 'host') this.#refreshHostConnected();
    else if (auth.kind === 'student') {
      const record = this.#roster.get(auth.studentId);
      if (record?.sessionId === client.sessionId) {
        record.sessionId = null;
        record.connected = false;
        this.#mirrorStudent(record);
      }
    }
    this.#armIdleEnd();
  }

  override onDispose(): void {
    // Disposed while still live: the server is shutting down, so the session did not end by the host's choice.
    if (this.state.status !== 'ended') this.#finish('interrupted');
    liveClasses.delete(this.#sessionId);
    liveRoomCodes.release(this.roomId);
    this.#event('closed');
  }

  override onUncaughtException(error: RoomException, methodName: string): void {
    if (methodName === 'onAuth' && error.cause instanceof ServerError) return;
    this.#event(`error in ${methodName}: ${error.message}`);
    console.error(error.cause ?? error);
    if ('client' in error && error.client && methodName === 'onMessage') {
      const type = 'type' in error ? String(error.type) : 'message';
      this.#reject(
        error.client as ClassClient,
        type,
        refusal('SERVER_ERROR', 'The class hit a problem; nothing changed.'),
      );
    }
  }

  // ── Host messages: each returns a refusal, or nothing when it did what was asked ──

  #hostOnly(client: ClassClient): Refusal | undefined {
    if ((client.auth as ClassAuth).kind !== 'host') return NOT_HOST;
    if (this.state.status === 'ended') return ENDED;
    return undefined;
  }

  #onConfigure(change: ClientToServerClassMessages['configure']): Refusal | undefined {
    if (this.state.status !== 'lobby') {
      const lateAllowed = new Set(['playlist', 'rounds', 'stepSeconds', 'speedPoints']);
      const late = Object.keys(change).find((key) => !lateAllowed.has(key));
      if (late) return refusal('ALREADY_STARTED', `"${late}" can only be changed before the start.`);
    }
    const result = updateClassSettings(this.#settings, change, { minStepSeconds: this.#limits.minStepSeconds });
    if (!result.ok) return result.error;
    if (result.value.rounds < this.#round) {
      return refusal('INVALID_SETTINGS', `Round ${this.#round} is already being played.`);
    }
    const teamsChanged = result.value.teams !== this.#settings.teams;
    this.#applySettings(result.value);
    this.#store.saveSettings(this.#sessionId, this.#settings);
    if (teamsChanged) this.#dealTeams();
    this.#updateStatusAfterRound();
  }

  #onRename({ studentId, nickname }: ClientToServerClassMessages['rename']): Refusal | undefined {
    const record = this.#roster.get(studentId);
    if (!record) return UNKNOWN_STUDENT;
    const checked = this.#roster.checkRename(record, nickname);
    if (!checked.ok) return checked.error;
    this.#event(`${record.nickname} renamed to ${checked.value}`);
    record.nickname = checked.value;
    this.#saveStudent(record);
    this.#mirrorStudent(record);
    if (record.table !== null) this.#tableRoom(record.table)?.renameStudent(record.id, record.nickname);
    this.#refreshLeaderboard();
  }

  #onRemove({ studentId }: ClientToServerClassMessages['remove'], ban: boolean): Refusal | undefined {
    const record = this.#roster.get(studentId);
    if (!record) return UNKNOWN_STUDENT;
    this.#roster.remove(record, ban);
    this.state.students.delete(record.id);
    const code = ban ? CLOSE_CODES.BANNED_BY_HOST : CLOSE_CODES.REMOVED_BY_HOST;
    const reason = ban
      ? 'Your teacher removed you from the class for good.'
      : 'Your teacher removed you from the class.';
    if (record.table !== null) {
      const table = this.#tables[record.table - 1];
      if (table && record.place !== null) table.lineup[record.place] = null;
      this.#tableRoom(record.table)?.removeStudent(record.id, code, reason);
      this.#mirrorTable(record.table);
    }
    record.table = null;
    record.place = null;
    if (record.sessionId) this.#release(record.sessionId, code, reason);
    record.sessionId = null;
    record.connected = false;
    if (record.arrived) this.#persist(() => this.#store.markStudentLeft(this.#sessionId, record.id, ban));
    this.#event(`${ban ? 'banned' : 'removed'} ${record.nickname}`);
    this.#refreshLeaderboard();
  }

  #onLock({ locked }: ClientToServerClassMessages['lock']): undefined {
    this.state.locked = locked;
    this.state.joinOpen = !locked;
    this.#event(locked ? 'locked' : 'unlocked');
  }

  #onSetTimeAllowance({ studentId, allowance }: ClientToServerClassMessages['setTimeAllowance']): Refusal | undefined {
    const record = this.#roster.get(studentId);
    if (!record) return UNKNOWN_STUDENT;
    if (!isTimeAllowance(allowance)) {
      return refusal('INVALID_ALLOWANCE', 'More time is 1, 1.5, 2 or "unlimited".');
    }
    record.allowance = allowance;
    this.#mirrorStudent(record);
    this.#savePlace(record);
    if (record.table !== null) {
      this.#tableRoom(record.table)?.setStudentStepLimit(record.id, stepLimitMs(this.#settings.stepSeconds, allowance));
    }
  }

  /** The host takes a table's finished round out of the game: its debrief, to this connection alone. */
  #onTableDebrief(
    client: ClassClient,
    { tableNumber }: ClientToServerClassMessages['tableDebrief'],
  ): Refusal | undefined {
    const table = this.#tables[tableNumber - 1];
    if (!table) return refusal('UNKNOWN_TABLE', 'There is no table with that number in this class.');
    const debrief = this.#tableRoom(table.number)?.debrief();
    if (!debrief) return refusal('NO_DEBRIEF', `Table ${table.number} is not at a debrief: wait for its round to end.`);
    client.send('tableDebrief', { tableNumber: table.number, ...debrief } satisfies ServerToClientTableDebrief);
  }

  #onSetTeam({ studentId, team }: ClientToServerClassMessages['setTeam']): Refusal | undefined {
    const record = this.#roster.get(studentId);
    if (!record) return UNKNOWN_STUDENT;
    const teams: readonly string[] = TEAM_NAMES.slice(0, this.#settings.teams);
    if (!teams.includes(team)) {
      return refusal('UNKNOWN_TEAM', teams.length ? `Teams are ${teams.join(', ')}.` : 'Teams are off in this class.');
    }
    record.team = team;
    this.#saveStudent(record);
    this.#mirrorStudent(record);
    this.#refreshLeaderboard();
  }

  #onStart(): Refusal | undefined {
    if (this.state.status !== 'lobby' || this.#starting)
      return refusal('ALREADY_STARTED', 'The competition has already started.');
    if (this.#roster.size === 0) return refusal('NO_STUDENTS', 'Wait for at least one student to join.');
    this.#starting = true;
    this.#startCompetition().catch((error: Error) => {
      this.#starting = false;
      this.#event(`could not start: ${error.stack ?? error.message}`);
    });
  }

  #onNextRound(message: ClientToServerClassMessages['nextRound']): Refusal | undefined {
    if (this.#round === 0) return refusal('NOT_STARTED', 'Start the competition first.');
    if (this.#reopening) return refusal('RESUMING', 'The class is opening its tables again; try in a moment.');
    if (this.#round >= this.#settings.rounds) {
      return refusal('NO_MORE_ROUNDS', `All ${this.#settings.rounds} rounds have been played; end the session.`);
    }
    const force = message?.force === true;
    const unfinished = this.#tables.filter((t) => !t.done);
    if (unfinished.length > 0 && !force) {
      const numbers = unfinished.map((t) => t.number).join(', ');
      return refusal(
        'TABLES_STILL_PLAYING',
        `Table ${numbers} is still playing; wait for its debrief or force the next round.`,
      );
    }
    for (const table of unfinished) this.#interruptTable(table);
    this.#startRound(this.#round + 1);
  }

  #onPause(paused: boolean): Refusal | undefined {
    if (this.#round === 0) return refusal('NOT_STARTED', 'Nothing to pause before the start.');
    if (paused && this.state.paused) return refusal('ALREADY_PAUSED', 'The game is already paused.');
    if (!paused && !this.state.paused) return refusal('NOT_PAUSED', 'The game is not paused.');
    this.state.paused = paused;
    for (const table of this.#tables) this.#tableRoom(table.number)?.setPaused(paused);
    this.#event(paused ? 'paused' : 'resumed');
  }

  #onEnd(): Refusal | undefined {
    this.endSession();
    return undefined;
  }

  /** Ends the session for every table (also used when its data is deleted); idempotent. */
  endSession(): void {
    if (this.state.status === 'ended') return;
    this.#finish('ended');
    // Let the final state reach everyone before the connections close.
    this.clock.setTimeout(() => void this.disconnect(CLOSE_CODES.CLASS_ENDED), 250);
  }

  #onAdmission(message: unknown): Refusal | undefined {
    const { maxStudents, approveJoins } = (message ?? {}) as { maxStudents?: unknown; approveJoins?: unknown };
    const limit = this.#limits.maxStudents;
    if (
      maxStudents !== undefined &&
      !(Number.isInteger(maxStudents) && (maxStudents as number) >= 1 && (maxStudents as number) <= limit)
    ) {
      return refusal('MALFORMED_REQUEST', `The most students a class can take is a whole number from 1 to ${limit}.`);
    }
    if (approveJoins !== undefined && typeof approveJoins !== 'boolean') {
      return refusal('MALFORMED_REQUEST', 'Send { "approveJoins": true } or { "approveJoins": false }.');
    }
    if (typeof maxStudents === 'number') this.state.maxStudents = maxStudents;
    if (typeof approveJoins === 'boolean') this.state.approveJoins = approveJoins;
    this.#event(
      `admission: at most ${this.state.maxStudents}${this.state.approveJoins ? ', teacher approves each join' : ''}`,
    );
  }

  #onApprove(message: unknown): Refusal | undefined {
    const record = this.#roster.get((message as { studentId?: unknown } | null)?.studentId);
    if (!record) return UNKNOWN_STUDENT;
    if (!record.pending) return refusal('NOT_PENDING', `${record.nickname} is already in the class.`);
    record.pending = false;
    this.#mirrorStudent(record);
    this.#event(`${record.nickname} approved`);
    if (this.#tables.length > 0 && record.table === null && record.sessionId) {
      void this.#seatLatecomer(record).then(() => this.#sendSeat(record));
    }
  }

  #onRequestSeat(client: ClassClient): Refusal | undefined {
    const auth = client.auth as ClassAuth;
    if (auth.kind !== 'student') return refusal('NOT_A_STUDENT', 'Only students have seats.');
    const record = this.#roster.get(auth.studentId);
    if (!record || record.table === null) return refusal('NO_SEAT', 'You get a seat when the competition starts.');
    void this.#sendSeat(record);
  }

  // ── The competition ────────────────────────────────────────────────────

  async #startCompetition(): Promise<void> {
    // Only students who are there and let in: a join that never connected is nobody to seat.
    const ids = this.#roster
      .all()
      .filter((s) => s.arrived && !s.pending)
      .map((s) => s.id);
    const lineups = this.#settings.bots ? splitIntoTables(ids, this.#settings.tableSize) : splitWithoutBots(ids);
    for (const lineup of lineups) await this.#openTable(lineup);
    this.#starting = false;
    this.#startRound(1);
    for (const record of this.#roster.all()) if (record.sessionId) void this.#sendSeat(record);
  }

  async #openTable(lineup: Lineup): Promise<ClassTableRecord> {
    const number = this.#tables.length + 1;
    const classLink: ClassTableLink = {
      classCode: this.roomId,
      tableNumber: number,
      roundFinished: (report) => this.#onTableFinished(number, report),
      progress: (progress) => this.#onTableProgress(number, progress),
      seated: (studentId) => {
        const record = this.#roster.get(studentId);
        if (record) record.tableOffer = null;
      },
    };
    const listing = await matchMaker.createRoom(TABLE_ROOM_NAME, { hostKey: '', classLink });
    const table: ClassTableRecord = {
      number,
      code: listing.roomId,
      lineup,
      limits: { client: null, server: null, ca: null, eavesdropper: null },
      done: true,
    };
    this.#tables.push(table);
    lineup.forEach((studentId, place) => {
      const record = this.#roster.get(studentId);
      if (record) {
        record.table = number;
        record.place = place;
        this.#mirrorStudent(record);
        this.#savePlace(record);
      }
    });
    this.state.tables.push(new ClassTable({ number, code: listing.roomId }));
    if (this.state.paused) this.#tableRoom(number)?.setPaused(true);
    return table;
  }

  async #seatLatecomer(record: StudentRecord): Promise<void> {
    const tableSize = this.#settings.bots ? this.#settings.tableSize : ROLES.length;
    const spot = placeLatecomer(
      this.#tables.map((t) => t.lineup),
      tableSize,
    );
    if (spot) {
      const table = this.#tables[spot.table]!;
      table.lineup[spot.place] = record.id;
      record.table = table.number;
      record.place = spot.place;
      this.#mirrorStudent(record);
      this.#savePlace(record);
    } else {
      await this.#openTable([record.id, null, null, null]);
    }
    this.#event(`${record.nickname} joins table ${record.table} from the next round`);
  }

  #startRound(round: number): void {
    this.#round = round;
    this.state.round = round;
    this.#persist(() => this.#store.saveRound(this.#sessionId, round));
    const scenarioId = scenarioForRound(this.#settings, round);
    const mode = (findScenario(scenarioId)?.modes[0] ?? 'tls13') as ProtocolMode;
    for (const table of this.#tables) {
      const room = this.#tableRoom(table.number);
      const bySeat = seatingForRound(table.lineup, round);
      const seating = {} as Record<Role, ClassSeatAssignment | null>;
      for (const role of ROLES) {
        const record = this.#roster.get(bySeat[role]);
        table.limits[role] = record ? stepLimitMs(this.#settings.stepSeconds, record.allowance) : null;
        seating[role] = record
          ? {
              studentId: record.id,
              nickname: record.nickname,
              present: record.sessionId !== null,
              stepLimitMs: table.limits[role],
            }
          : null;
      }
      table.done = false;
      const played = room?.startClassRound({ round, scenarioId, mode, seating }) ?? {
        client: false,
        server: false,
        ca: false,
        eavesdropper: false,
      };
      const pending = pendingResults(round, table.number, scenarioId, bySeat, played);
      this.#results.push(...pending);
      this.#persist(() =>
        this.#store.startRound(this.#sessionId, { round, table: table.number, scenarioId, mode, results: pending }),
      );
      this.#mirrorTable(table.number);
    }
    for (const record of this.#roster.all()) this.#mirrorStudent(record);
    this.state.status = 'playing';
    this.#event(`round ${round} started: ${scenarioId}`);
  }

  #onTableFinished(tableNumber: number, report: TableRoundReport): void {
    const table = this.#tables[tableNumber - 1];
    if (!table || report.round !== this.#round || table.done) return;
    table.done = true;
    const results = roundResults({
      ...report,
      table: tableNumber,
      stepLimitMs: table.limits,
      speedPoints: this.#settings.speedPoints,
    });
    this.#results = this.#results.filter((r) => !(r.round === report.round && r.table === tableNumber));
    this.#results.push(...results);
    this.#persist(() =>
      this.#store.finishRound(this.#sessionId, report.round, tableNumber, JSON.stringify(report.outcome), results),
    );
    this.#event(`table ${tableNumber} finished round ${report.round}`);
    this.#refreshLeaderboard();
    this.#updateStatusAfterRound();
  }

  #onTableProgress(tableNumber: number, progress: TableProgress): void {
    const view = this.state.tables[tableNumber - 1];
    if (view) mirrorProgress(view, progress);
  }

  #interruptTable(table: ClassTableRecord): void {
    this.#tableRoom(table.number)?.interruptRound();
    table.done = true;
    for (const r of this.#results) {
      if (r.round === this.#round && r.table === table.number && r.status === 'in-progress') r.status = 'interrupted';
    }
    this.#persist(() => this.#store.interruptRound(this.#sessionId, this.#round, table.number));
  }

  #updateStatusAfterRound(): void {
    if (this.#round === 0 || this.state.status === 'ended' || this.#tables.some((t) => !t.done)) return;
    this.state.status = this.#round >= this.#settings.rounds ? 'finished' : 'between-rounds';
  }

  /** Marks the session over: unfinished rounds are interrupted, tables close, the store is told. */
  #finish(status: 'ended' | 'interrupted'): void {
    for (const table of this.#tables) if (!table.done) this.#interruptTable(table);
    this.#persist(() => this.#store.endSession(this.#sessionId, status));
    this.state.status = 'ended';
    this.state.joinOpen = false;
    this.state.paused = false;
    for (const table of this.#tables)
      this.#tableRoom(table.number)?.closeForClass(CLOSE_CODES.CLASS_ENDED, 'The class session has ended.');
    this.#idleTimer?.clear();
    this.#event('ended');
  }

  /** Sends a student a reservation for their table; when none can be made they are told (and may ask again). */
  async #sendSeat(record: StudentRecord): Promise<void> {
    try {
      await this.#offerSeat(record);
    } catch (error) {
      this.#event(`could not offer ${record.nickname} a seat: ${(error as Error).message}`);
      const client = record.sessionId ? this.clients.getById(record.sessionId) : undefined;
      if (client) {
        this.#reject(
          client,
          'requestSeat',
          refusal('SEAT_UNAVAILABLE', 'Your table could not take you just now; ask for your seat again in a moment.'),
        );
      }
    }
  }

  async #offerSeat(record: StudentRecord): Promise<void> {
    const table = record.table === null ? undefined : this.#tables[record.table - 1];
    const client = record.sessionId ? this.clients.getById(record.sessionId) : undefined;
    if (!table || !client || record.place === null) return;
    const reservation = await this.#tableReservation(record, table.code);
    if (reservation === undefined) return;
    const seat: ServerToClientSeat = {
      round: this.#round,
      tableNumber: table.number,
      tableCode: table.code,
      role: roleAt(record.place, Math.max(1, this.#round)),
      reservation,
    };
    client.send('seat', seat);
  }

  /** The student's unused table reservation while fresh (so asking again holds one place), else a new one. */
  async #tableReservation(record: StudentRecord, code: string): Promise<unknown> {
    const now = Date.now();
    const offer = record.tableOffer;
    if (offer && offer.code === code && offer.expiresAt - RESERVATION_REUSE_MARGIN_MS > now) return offer.value;
    const listing = await matchMaker.getRoomById(code);
    if (!listing) return undefined;
    const value = await matchMaker.reserveSeatFor(listing, { classStudentId: record.id, nickname: record.nickname });
    record.tableOffer = { code, value, expiresAt: now + this.#reservationSeconds * 1000 };
    return value;
  }

  // ── Mirroring into the synchronised state ─────────────────────────────

  #applySettings(settings: ClassSettings): void {
    this.#settings = settings;
    mirrorSettings(this.state, settings);
  }

  #dealTeams(): void {
    this.#roster.dealTeams(this.#settings.teams);
    for (const record of this.#roster.all()) {
      this.#saveStudent(record);
      this.#mirrorStudent(record);
    }
    this.#refreshLeaderboard();
  }

  #saveStudent(record: StudentRecord): void {
    this.#persist(() =>
      this.#store.saveStudent(this.#sessionId, { studentId: record.id, nickname: record.nickname, team: record.team }),
    );
  }

  /** What resuming after a restart needs: their key's hash (once), allowance, table and place. */
  #savePlace(record: StudentRecord, keyHash?: string): void {
    if (!record.arrived) return;
    const place = { keyHash, allowance: String(record.allowance), table: record.table, place: record.place };
    this.#persist(() => this.#store.saveStudentPlace(this.#sessionId, record.id, place));
  }

  #mirrorStudent(record: StudentRecord): void {
    const table = record.table === null ? undefined : this.#tables[record.table - 1];
    const seating = table && this.#round > 0 ? seatingForRound(table.lineup, this.#round) : undefined;
    mirrorStudent(this.state, record, (seating && ROLES.find((r) => seating[r] === record.id)) ?? '');
  }

  #mirrorTable(tableNumber: number): void {
    const table = this.#tables[tableNumber - 1];
    const view = this.state.tables[tableNumber - 1];
    if (table && view) mirrorSeating(view, seatingForRound(table.lineup, Math.max(1, this.#round)));
  }

  #refreshLeaderboard(): void {
    const roster = this.#roster.all().map((s) => ({ studentId: s.id, nickname: s.nickname, team: s.team }));
    const entries = leaderboard(roster, this.#results);
    mirrorLeaderboard(this.state, entries, teamTotals(entries));
  }

  // ── Helpers ───────────────────────────────────────────────────────────

  #tableRoom(tableNumber: number): TableRoom | undefined {
    const table = this.#tables[tableNumber - 1];
    return table ? (matchMaker.getLocalRoomById(table.code) as unknown as TableRoom | undefined) : undefined;
  }

  /** Writes to the store; a failed write is logged and the session plays on (the results stay in memory). */
  #persist(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.#event(`could not store results: ${(error as Error).message}`);
    }
  }

  #release(sessionId: string, code: number, reason: string): void {
    this.#letGo.add(sessionId);
    const client = this.clients.getById(sessionId);
    if (client) client.leave(code, reason);
    else this.#reconnections.get(sessionId)?.reject(new Error(reason));
  }

  #setConnected(client: ClassClient, connected: boolean): void {
    const auth = client.auth as ClassAuth;
    if (auth.kind === 'host') {
      this.#refreshHostConnected();
      return;
    }
    if (auth.kind === 'projector') return;
    const record = this.#roster.get(auth.studentId);
    if (!record || record.sessionId !== client.sessionId) return;
    record.connected = connected;
    this.#mirrorStudent(record);
  }

  #refreshHostConnected(): void {
    this.state.hostConnected = this.clients.some((c) => (c.auth as ClassAuth | undefined)?.kind === 'host');
  }

  /** A session nobody is connected to ends by itself after `idleEndMs`. */
  #armIdleEnd(): void {
    this.#idleTimer?.clear();
    if (this.clients.length > 0 || this.state.status === 'ended') return;
    this.#idleTimer = this.clock.setTimeout(() => {
      if (this.clients.length === 0) {
        this.#event('nobody connected; ending');
        this.#finish('ended');
        void this.disconnect(CLOSE_CODES.CLASS_ENDED);
      }
    }, this.#limits.idleEndMs);
  }

  #reject(client: ClassClient, request: string, { code, message }: Refusal): void {
    const rejected: ServerToClientClassRejected = { request, code, message };
    client.send('rejected', rejected);
  }

  #event(text: string): void {
    this.#log(`[class ${this.roomId}] ${text}`);
  }
}

function storedAllowance(stored: string): TimeAllowance {
  const value = stored === 'unlimited' ? stored : Number(stored);
  return isTimeAllowance(value) ? value : 1;
}

/** A stored student as the roster keeps them; they count as arrived (they were in the class before). */
function restoredRecord(stored: StoredStudent): StudentRecord {
  return {
    id: stored.studentId,
    key: '',
    nickname: stored.nickname,
    team: stored.team,
    allowance: storedAllowance(stored.allowance),
    sessionId: null,
    connected: false,
    table: stored.table,
    place: stored.place,
    joinedAt: stored.joinedAt,
    pending: false,
    arrived: true,
    reservation: null,
    tableOffer: null,
  };
}
