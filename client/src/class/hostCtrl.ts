/**
 * The host page's controller: creating a session (with the teacher password when the server asks), the
 * host connection and its commands, the settings draft, roster edits awaiting confirmation, and past
 * sessions with their results. The view draws it; every change calls `redraw`.
 * @module
 */
import {
  CLOSE_CODES,
  type ClassResults,
  type ClassSessionListing,
  type ClassSettings,
  type ClientToServerClassMessages,
  type ClientToServerClassType,
} from '@handshake/shared';
import { downloadExport, type RoundExport } from '../debrief/export.ts';
import { Announcer } from '../log/announcer.ts';
import {
  connectAsHost,
  createClassSession,
  deleteSession,
  listSessions,
  projectorKey,
  sessionCsv,
  sessionResults,
} from './classApi.ts';
import { ClassConnection } from './classConnection.ts';
import type { ClassSnapshot, ClassStudentEntry } from './classSnapshot.ts';
import {
  liveClass,
  savedHostKey,
  savedTeacherPassword,
  saveHostKey,
  saveLiveClass,
  saveTeacherPassword,
} from './teacherKeys.ts';

/** A destructive step waiting for "yes". */
export type Confirming =
  | { kind: 'remove' | 'ban'; studentId: string }
  | { kind: 'end' }
  | { kind: 'delete'; sessionId: string }
  | null;

/** What the page last knew of a student, to say what changed. */
interface KnownStudent {
  nickname: string;
  connected: boolean;
  rank: number;
  arrived: boolean;
  pending: boolean;
}

export class HostCtrl {
  connection: ClassConnection | null = null;
  sessionId: string | null = null;
  connecting = false;
  busy = false;
  /** The server asked for the teacher password (PASSWORD_REQUIRED / WRONG_PASSWORD). */
  passwordNeeded = false;
  password = savedTeacherPassword();
  error: string | null = null;
  /** The last refusal of a class message, shown near the controls. */
  rejection: string | null = null;
  draft: ClassSettings | null = null;
  draftDirty = false;
  /** The "Most students" field while the teacher types in it (null: show the class's cap). */
  maxStudentsDraft: string | null = null;
  renaming: { studentId: string; nickname: string } | null = null;
  confirming: Confirming = null;
  past: ClassSessionListing[] | null = null;
  pastError: string | null = null;
  summary: { sessionId: string; results: ClassResults } | null = null;
  /** What the live session's listing last counted (students, rounds, status): the list is read again when it changes. */
  #pastCounted = '';
  #pastLoading = false;
  /** The projector link's own key for the live session (never the host key). */
  projectorKey: string | null = null;
  readonly announcer = new Announcer();
  /** Downloads asked for and not yet answered, by table number. */
  readonly #takingOut = new Map<number, RoundExport>();
  #known = new Map<string, KnownStudent>();
  /** Set after the first state: from then on, roster changes are read out. */
  #primed = false;
  #unsubscribe: (() => void)[] = [];

  constructor(
    readonly redraw: () => void,
    readonly navigate: (path: string) => void,
  ) {}

  get snapshot(): ClassSnapshot | null {
    return this.connection?.snapshot ?? null;
  }

  /** On opening the page: reconnect to the session this browser is running, and list past ones. */
  async start(): Promise<void> {
    const live = liveClass();
    if (live) await this.connect(live.code);
    await this.refreshPast();
  }

  async create(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.redraw();
    if (this.password) saveTeacherPassword(this.password);
    const answer = await createClassSession({
      ...(this.password ? { teacherPassword: this.password } : {}),
      ...(savedHostKey() ? { hostKey: savedHostKey()! } : {}),
    });
    this.busy = false;
    if (!answer.ok) {
      if (answer.error.code === 'PASSWORD_REQUIRED' || answer.error.code === 'WRONG_PASSWORD') {
        this.passwordNeeded = true;
        saveTeacherPassword('');
      }
      this.error = answer.error.message;
      return this.redraw();
    }
    saveHostKey(answer.value.hostKey);
    saveLiveClass({ code: answer.value.code, sessionId: answer.value.sessionId });
    await this.connect(answer.value.code);
    await this.refreshPast();
  }

  async connect(code: string): Promise<void> {
    this.connecting = true;
    this.redraw();
    const answer = await connectAsHost(code);
    this.connecting = false;
    if (!answer.ok) {
      // The session is gone (ended, or the server restarted): forget it and offer a new one.
      if (answer.error.code === 'NO_SUCH_CLASS') this.#forgetLive();
      else this.error = answer.error.message;
      return this.redraw();
    }
    this.error = null;
    this.#leave();
    const connection = new ClassConnection(answer.value.room);
    this.connection = connection;
    this.sessionId = answer.value.sessionId;
    void projectorKey(code).then((key) => {
      this.projectorKey = key.ok ? key.value : null;
      this.redraw();
    });
    this.#known.clear();
    this.#primed = false;
    this.#unsubscribe = [
      connection.onChange(() => this.#changed()),
      connection.onRejected((rejected) => {
        if (rejected.request === 'tableDebrief') this.#takingOut.clear();
        this.rejection = rejected.message;
        this.announcer.alert(rejected.message);
        this.redraw();
      }),
      connection.onTableDebrief(({ tableNumber, view }) => {
        const kind = this.#takingOut.get(tableNumber);
        this.#takingOut.delete(tableNumber);
        if (kind) downloadExport(view, kind);
      }),
    ];
    this.#changed();
  }

  send<T extends ClientToServerClassType>(type: T, message?: ClientToServerClassMessages[T]): void {
    this.rejection = null;
    this.confirming = null;
    this.connection?.send(type, message);
    this.redraw();
  }

  /** A finished table's round as a download (.pcapng or .keylog), built here from its debrief. */
  takeOut(tableNumber: number, kind: RoundExport): void {
    this.#takingOut.set(tableNumber, kind);
    this.send('tableDebrief', { tableNumber });
  }

  setPassword(value: string): void {
    this.password = value;
  }

  // ── Settings ────────────────────────────────────────────────────────────

  /** Typed fields pass `quiet` so the form is not redrawn under the teacher's cursor. */
  editDraft(change: Partial<ClassSettings>, quiet = false): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...change };
    this.draftDirty = true;
    if (!quiet) this.redraw();
  }

  saveSettings(): void {
    if (!this.draft) return;
    const status = this.snapshot?.status;
    const { playlist, rounds, stepSeconds, speedPoints } = this.draft;
    // Between rounds the server takes only these; in the lobby everything.
    this.send('configure', status === 'lobby' ? this.draft : { playlist, rounds, stepSeconds, speedPoints });
    this.draftDirty = false;
  }

  // ── Admission ──────────────────────────────────────────────────────────

  /** "I approve each student who joins": sent at once, like the lock. */
  setApproveJoins(approveJoins: boolean): void {
    this.send('admission', { approveJoins });
  }

  /** The "Most students" field as typed: kept until it is sent, so a redraw does not undo the typing. */
  editMaxStudents(typed: string): void {
    this.maxStudentsDraft = typed;
  }

  /** Sends the typed cap; a value that is not a whole number of at least 1 is explained here and not sent. */
  saveMaxStudents(): void {
    const typed = (this.maxStudentsDraft ?? '').trim();
    if (typed === '') return;
    const value = Number(typed);
    if (!Number.isInteger(value) || value < 1) {
      this.rejection = `"Most students" must be a whole number, 1 or more (you typed "${typed}").`;
      this.announcer.alert(this.rejection);
      this.redraw();
      return;
    }
    this.maxStudentsDraft = null;
    this.send('admission', { maxStudents: value });
  }

  // ── Roster ─────────────────────────────────────────────────────────────

  /** A student waiting for approval comes in. */
  letIn(studentId: string): void {
    this.send('approve', { studentId });
  }

  /** A student waiting for approval is sent away; they may ask again by joining with the code. */
  turnAway(studentId: string): void {
    this.send('remove', { studentId });
  }

  startRename(studentId: string): void {
    const student = this.snapshot?.students.find((s) => s.id === studentId);
    if (student) this.renaming = { studentId, nickname: student.nickname };
    this.redraw();
    document.querySelector<HTMLElement>(`[data-focus="rename-input-${CSS.escape(studentId)}"]`)?.focus();
  }

  saveRename(): void {
    if (!this.renaming) return;
    this.send('rename', { studentId: this.renaming.studentId, nickname: this.renaming.nickname });
    this.renaming = null;
    this.redraw();
  }

  cancel(): void {
    this.renaming = null;
    this.confirming = null;
    this.redraw();
  }

  ask(confirming: Confirming): void {
    this.confirming = confirming;
    this.redraw();
  }

  // ── Past sessions ──────────────────────────────────────────────────────

  async refreshPast(): Promise<void> {
    this.#pastLoading = true;
    const answer = await listSessions().finally(() => {
      this.#pastLoading = false;
    });
    if (answer.ok) {
      this.past = answer.value;
      this.pastError = null;
    } else {
      if (answer.error.code === 'PASSWORD_REQUIRED' || answer.error.code === 'WRONG_PASSWORD')
        this.passwordNeeded = true;
      this.pastError = answer.error.message;
    }
    this.redraw();
  }

  /** The live session's line under Past sessions counts students and finished rounds: read it again as they change. */
  #recountPast(): void {
    const snapshot = this.snapshot;
    if (!snapshot || this.#pastLoading || this.past === null) return;
    // The server stores a student when they arrive: count arrivals, or the list is read before it changed.
    const arrived = snapshot.students.filter((s) => s.arrived).length;
    const counted = `${arrived}|${snapshot.round}|${snapshot.status}`;
    if (counted === this.#pastCounted) return;
    this.#pastCounted = counted;
    void this.refreshPast().then(() => this.#recountPast());
  }

  async unlockPast(): Promise<void> {
    saveTeacherPassword(this.password);
    await this.refreshPast();
  }

  async toggleSummary(sessionId: string): Promise<void> {
    if (this.summary?.sessionId === sessionId) {
      this.summary = null;
      return this.redraw();
    }
    const answer = await sessionResults(sessionId);
    if (!answer.ok) this.pastError = answer.error.message;
    else this.summary = { sessionId, results: answer.value };
    this.redraw();
  }

  async downloadCsv(sessionId: string): Promise<void> {
    const answer = await sessionCsv(sessionId);
    if (!answer.ok) {
      this.pastError = answer.error.message;
      return this.redraw();
    }
    const url = URL.createObjectURL(answer.value.blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = answer.value.filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async deletePast(sessionId: string): Promise<void> {
    this.confirming = null;
    const answer = await deleteSession(sessionId);
    if (!answer.ok) this.pastError = answer.error.message;
    else {
      this.announcer.say('The session and its results were deleted.');
      if (this.summary?.sessionId === sessionId) this.summary = null;
      if (this.sessionId === sessionId) this.#forgetLive();
    }
    await this.refreshPast();
  }

  /** Back to "create a session" after the current one ended. */
  newSession(): void {
    this.#forgetLive();
    this.redraw();
  }

  destroy(): void {
    this.#leave();
  }

  #forgetLive(): void {
    this.#leave();
    saveLiveClass(null);
    this.connection = null;
    this.sessionId = null;
    this.draft = null;
  }

  #leave(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.connection?.leave();
  }

  /** A state change: keep the draft in step, say who came, went and moved up, and redraw. */
  #changed(): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    if (!this.draftDirty) this.draft = structuredClone(snapshot.settings);
    if (snapshot.status === 'ended' || this.connection?.closed?.code === CLOSE_CODES.CLASS_ENDED) {
      if (liveClass()?.code === snapshot.code) saveLiveClass(null);
      if (!this.past?.some((p) => p.sessionId === this.sessionId && p.status !== 'live')) void this.refreshPast();
    }
    this.#recountPast();
    const first = !this.#primed;
    this.#primed = true;
    const seen = new Set<string>();
    for (const s of snapshot.students) {
      seen.add(s.id);
      const before = this.#known.get(s.id);
      if (!first) this.#sayWhatChanged(s, before);
      this.#known.set(s.id, {
        nickname: s.nickname,
        connected: s.connected,
        rank: s.rank,
        arrived: s.arrived,
        pending: s.pending,
      });
    }
    for (const [id, was] of this.#known) {
      if (!seen.has(id)) {
        this.announcer.say(
          was.pending
            ? `${was.nickname} was turned away.`
            : was.arrived
              ? `${was.nickname} left the class.`
              : `${was.nickname} did not arrive.`,
        );
        this.#known.delete(id);
      }
    }
    this.redraw();
  }

  /** One student's change since the last state, read out: arrivals, approvals, connections, names, the lead. */
  #sayWhatChanged(s: ClassStudentEntry, before: KnownStudent | undefined): void {
    if (!before || (!before.pending && s.pending)) {
      if (s.pending) this.announcer.say(`${s.nickname} is waiting for you to let them in.`);
      else if (s.arrived) this.announcer.say(`${s.nickname} joined.`);
      return;
    }
    if (before.pending && !s.pending) this.announcer.say(`${s.nickname} is in.`);
    else if (!before.arrived && s.arrived && !s.pending) this.announcer.say(`${s.nickname} joined.`);
    else if (before.connected && !s.connected) this.announcer.say(`${s.nickname} lost the connection.`);
    else if (before.arrived && !before.connected && s.connected) this.announcer.say(`${s.nickname} is back.`);
    if (before.nickname !== s.nickname) this.announcer.say(`${before.nickname} is now ${s.nickname}.`);
    if (s.rank === 1 && before.rank !== 1 && s.total > 0) {
      this.announcer.say(`${s.nickname} leads with ${s.total} points.`);
    }
  }
}
