/** Role rotation: a student's place at a table decides their role, shifted by one each round. Pure. @module */
import { ROLES, type Role } from '../rules/types.ts';
import { type Text, text } from '../text/text.ts';

/**
 * The role of the student at `position` (0–3) in `round` (1-based). Over any four consecutive rounds
 * every position — so every student — plays each of the four roles exactly once.
 */
export function roleAt(position: number, round: number): Role {
  const n = ROLES.length;
  return ROLES[(((position + round - 1) % n) + n) % n] as Role;
}

/** Who sits in which role in `round`: `lineup[position]` is a student id, or null for an empty place (a bot). */
export function seatingForRound(lineup: readonly (string | null)[], round: number): Record<Role, string | null> {
  const seating: Record<Role, string | null> = { client: null, server: null, ca: null, eavesdropper: null };
  lineup.forEach((studentId, position) => {
    if (studentId !== null && position < ROLES.length) seating[roleAt(position, round)] = studentId;
  });
  return seating;
}

/** What a number of rounds means for who plays what, for the teacher's settings. */
export function rotationSummary(rounds: number): Text {
  const n = ROLES.length;
  if (rounds < n) return text('settings.rotation.fewer', { rounds, roles: n });
  if (rounds % n === 0) return text('settings.rotation.exact', { rounds, times: rounds / n });
  return text('settings.rotation.more', { rounds, times: Math.floor(rounds / n), extra: rounds % n });
}
