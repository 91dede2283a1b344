/**
 * A class's students: who is in, their secret keys for coming back, nicknames (typed or generated), teams,
 * and who was banned. No Colyseus here; the class room connects and seats the records.
 * @module
 */
import { randomBytes, randomInt } from 'node:crypto';
import {
  assignTeams,
  type ClassErrorCode,
  type ClassHttpErrorCode,
  generateNickname,
  type NicknameResult,
  nicknameKey,
  smallestTeam,
  type TimeAllowance,
} from '@handshake/shared';
import { secretHash } from '../rooms/hostKey.ts';
import { checkNickname } from '../rooms/nickname.ts';

/** What the class keeps about a student; the key is their secret for coming back. */
export interface StudentRecord {
  id: string;
  key: string;
  nickname: string;
  team: string | null;
  allowance: TimeAllowance;
  /** Their live connection to the class room, if any, and whether it is connected now (not dropped). */
  sessionId: string | null;
  connected: boolean;
  /** Their table (1-based) and place (0–3) once the competition has started. */
  table: number | null;
  place: number | null;
  joinedAt: number;
  /** Waiting for the teacher's approval (when the class approves each join): not seated, not counted in. */
  pending: boolean;
  /** Has connected to the class at least once. */
  arrived: boolean;
  /** The class-room reservation handed out last and not used yet: a re-join gets the same one back. */
  reservation: { value: unknown; expiresAt: number } | null;
  /** Likewise for their table seat. */
  tableOffer: { code: string; value: unknown; expiresAt: number } | null;
}

/** What a join request gets: the student it admits, or why not. */
export type StudentAdmission =
  | { ok: true; student: StudentRecord }
  | { ok: false; code: ClassHttpErrorCode | ClassErrorCode; message: string };

/** The session's rules for newcomers at the moment of joining. */
export interface AdmissionRules {
  ended: boolean;
  locked: boolean;
  maxStudents: number;
  generatedNicknames: boolean;
  teams: number;
  /** New students wait for the teacher's approval. */
  approveJoins: boolean;
}

const newSecret = (bytes: number) => randomBytes(bytes).toString('base64url');
const BANNED = 'Your teacher removed you from this class session.';

export class Roster {
  readonly #students = new Map<string, StudentRecord>();
  /** Every key ever handed out (by its hash), removed students' included, so a removed student keeps their id. */
  readonly #byKey = new Map<string, StudentRecord>();
  /** Hashes of banned students' keys. */
  readonly #bannedKeys = new Set<string>();
  /** Key hashes of students restored after a restart, who have not brought their key back yet. */
  readonly #restoredKeyHashes = new Map<string, string>();
  readonly #bannedNames = new Set<string>();

  get size(): number {
    return this.#students.size;
  }

  get(studentId: unknown): StudentRecord | undefined {
    return typeof studentId === 'string' ? this.#students.get(studentId) : undefined;
  }

  /** Everyone on the roster, in the order they first joined. */
  all(): StudentRecord[] {
    return [...this.#students.values()].sort((a, b) => a.joinedAt - b.joinedAt);
  }

  /**
   * A returning student (by key) comes back even into a locked session; a new one needs an open session
   * with room and a nickname (or gets a generated one). Banned keys and nicknames stay out.
   */
  admit(request: unknown, rules: AdmissionRules): StudentAdmission {
    if (rules.ended) return { ok: false, code: 'CLASS_ENDED', message: 'This class session has ended.' };
    const { nickname: typed, studentKey } = (request ?? {}) as { nickname?: unknown; studentKey?: unknown };
    const keyHash = typeof studentKey === 'string' ? secretHash(studentKey) : undefined;
    const known = keyHash === undefined ? undefined : this.#byKey.get(keyHash);
    if (known && keyHash !== undefined && this.#bannedKeys.has(keyHash)) {
      return { ok: false, code: 'BANNED', message: BANNED };
    }
    // A student restored after a restart is known by their key's hash only: the key they bring is theirs.
    if (known) known.key = studentKey as string;
    if (known && this.#students.has(known.id)) return { ok: true, student: known };
    if (rules.locked) {
      return {
        ok: false,
        code: 'SESSION_LOCKED',
        message: 'This class session is locked; ask your teacher to open it.',
      };
    }
    if (this.#students.size >= rules.maxStudents) {
      return { ok: false, code: 'CLASS_FULL', message: `This class session is full (${rules.maxStudents} students).` };
    }
    const taken = [...this.#students.values()].map((s) => s.nickname);
    let nickname: string;
    if (rules.generatedNicknames) nickname = generateNickname((n) => randomInt(n), taken);
    else {
      const checked = checkNickname(typed ?? known?.nickname, taken);
      if (!checked.ok) return { ok: false, ...checked.error };
      nickname = checked.value;
    }
    if (this.#bannedNames.has(nicknameKey(nickname))) return { ok: false, code: 'BANNED', message: BANNED };
    const student: StudentRecord = known ?? {
      id: newSecret(9),
      key: newSecret(18),
      nickname,
      team: null,
      allowance: 1,
      sessionId: null,
      connected: false,
      table: null,
      place: null,
      joinedAt: Date.now(),
      pending: rules.approveJoins,
      arrived: false,
      reservation: null,
      tableOffer: null,
    };
    student.nickname = nickname;
    student.team = smallestTeam(new Map(this.all().map((s) => [s.id, s.team ?? ''])), rules.teams);
    this.#students.set(student.id, student);
    this.#byKey.set(secretHash(student.key), student);
    return { ok: true, student };
  }

  /** Puts back a student stored before a restart (`keyHash` lets them back in with their key). */
  restore(student: StudentRecord, keyHash: string, leftRoster: 'on' | 'removed' | 'banned'): void {
    this.#byKey.set(keyHash, student);
    this.#restoredKeyHashes.set(student.id, keyHash);
    if (leftRoster === 'banned') {
      this.#bannedKeys.add(keyHash);
      this.#bannedNames.add(nicknameKey(student.nickname));
    }
    if (leftRoster === 'on') this.#students.set(student.id, student);
  }

  /** Checks a new nickname for `student` against everyone else's. */
  checkRename(student: StudentRecord, typed: unknown): NicknameResult {
    return checkNickname(
      typed,
      this.all()
        .filter((s) => s !== student)
        .map((s) => s.nickname),
    );
  }

  /** Takes a student off the roster; banned, their key and nickname are refused from now on. */
  remove(student: StudentRecord, ban: boolean): void {
    if (ban) {
      this.#bannedKeys.add(student.key ? secretHash(student.key) : (this.#restoredKeyHashes.get(student.id) ?? ''));
      this.#bannedNames.add(nicknameKey(student.nickname));
    }
    this.#students.delete(student.id);
  }

  /** Deals everyone into `count` teams afresh (0 = no teams). */
  dealTeams(count: number): void {
    const students = this.all();
    const teams = assignTeams(
      students.map((s) => s.id),
      count,
    );
    for (const s of students) s.team = teams.get(s.id) ?? null;
  }
}
