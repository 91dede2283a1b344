/** Splitting a class into tables of up to four, and placing a latecomer. Pure. @module */
import { ROLES } from '../rules/types.ts';

/** A table's four places; null = no student (a bot plays that place's role). */
export type Lineup = (string | null)[];

/**
 * Splits students (in the given order) into as few tables as `tableSize` allows, as evenly as possible,
 * so bots are spread thinly rather than piled on one table. Every lineup has four places.
 */
export function splitIntoTables(studentIds: readonly string[], tableSize: number): Lineup[] {
  if (!Number.isInteger(tableSize) || tableSize < 1 || tableSize > ROLES.length) {
    throw new RangeError(`tableSize must be 1 to ${ROLES.length}, got ${tableSize}`);
  }
  if (studentIds.length === 0) return [];
  const tableCount = Math.ceil(studentIds.length / tableSize);
  const lineups: Lineup[] = [];
  let next = 0;
  for (let t = 0; t < tableCount; t++) {
    // The first (length mod tableCount) tables take one student more.
    const size = Math.floor(studentIds.length / tableCount) + (t < studentIds.length % tableCount ? 1 : 0);
    const lineup: Lineup = [null, null, null, null];
    for (let place = 0; place < size; place++) lineup[spreadPlace(place, size)] = studentIds[next++] as string;
    lineups.push(lineup);
  }
  return lineups;
}

/** Without bots every table seats four students; the remainder (if any) forms one last table. */
export function splitWithoutBots(studentIds: readonly string[]): Lineup[] {
  const lineups: Lineup[] = [];
  for (let i = 0; i < studentIds.length; i += ROLES.length) {
    const lineup: Lineup = [null, null, null, null];
    studentIds.slice(i, i + ROLES.length).forEach((id, place) => {
      lineup[place] = id;
    });
    lineups.push(lineup);
  }
  return lineups;
}

/** Two students at a table sit opposite (places 0 and 2), so over the rounds each meets both kinds of role. */
function spreadPlace(place: number, size: number): number {
  return size === 2 ? place * 2 : place;
}

/**
 * Where a student who arrives after the start sits: the free place at the emptiest table under
 * `tableSize`; null when every table is full (the caller opens a new table).
 */
export function placeLatecomer(lineups: readonly Lineup[], tableSize: number): { table: number; place: number } | null {
  let best: { table: number; place: number; seated: number } | null = null;
  lineups.forEach((lineup, table) => {
    const seated = lineup.filter((id) => id !== null).length;
    const place = lineup.indexOf(null);
    if (place < 0 || seated >= tableSize) return;
    if (!best || seated < best.seated) best = { table, place, seated };
  });
  if (!best) return null;
  const { table, place } = best;
  return { table, place };
}
