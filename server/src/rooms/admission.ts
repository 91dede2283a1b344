/** Who may sit where: the checks a join request passes before it gets a seat. Pure; the room supplies the table. @module */
import { describeInput, isRole, type JoinErrorCode, ROLES, type Role, type TableJoinOptions } from '@handshake/shared';
import { checkNickname } from './nickname.ts';

/** What a join request becomes once admitted: kept as the connection's `auth`. */
export interface Admission {
  nickname: string;
  /** null = a spectator. */
  role: Role | null;
}

export interface JoinError {
  code: JoinErrorCode;
  message: string;
}

/** What admission needs to know about the table. */
export interface TableOccupancy {
  code: string;
  /** Nicknames of everyone at the table, including dropped players whose seat is waiting for them. */
  nicknames: Iterable<string>;
  /** Whether a human holds the role's seat (a bot-played seat is free). */
  seatHeld: (role: Role) => boolean;
  spectatorCount: number;
  maxSpectators: number;
}

export function admit(
  options: unknown,
  table: TableOccupancy,
): { ok: true; value: Admission } | { ok: false; error: JoinError } {
  if (typeof options !== 'object' || options === null) {
    return { ok: false, error: { code: 'MALFORMED_REQUEST', message: 'A join request needs a nickname.' } };
  }
  const { nickname: typed, role, spectate } = options as Partial<TableJoinOptions>;
  const nickname = checkNickname(typed, table.nicknames);
  if (!nickname.ok) return nickname;

  if (spectate === true) {
    if (table.spectatorCount >= table.maxSpectators) {
      return {
        ok: false,
        error: { code: 'TABLE_FULL', message: `Table ${table.code} has no room for more spectators.` },
      };
    }
    return { ok: true, value: { nickname: nickname.value, role: null } };
  }
  if (role !== undefined && role !== null) {
    if (!isRole(role))
      return { ok: false, error: { code: 'UNKNOWN_ROLE', message: `There is no role called ${describeInput(role)}.` } };
    if (table.seatHeld(role)) {
      return {
        ok: false,
        error: { code: 'SEAT_TAKEN', message: `Someone already plays the ${role} at table ${table.code}.` },
      };
    }
    return { ok: true, value: { nickname: nickname.value, role } };
  }
  const free = ROLES.find((r) => !table.seatHeld(r));
  if (free === undefined) {
    return {
      ok: false,
      error: {
        code: 'TABLE_FULL',
        message: `All four seats at table ${table.code} are taken; you can still join as a spectator.`,
      },
    };
  }
  return { ok: true, value: { nickname: nickname.value, role: free } };
}
