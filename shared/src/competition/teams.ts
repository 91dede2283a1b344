/** Teams: students dealt round-robin into named teams, and team totals. Pure. @module */

export const TEAM_NAMES = ['Red', 'Blue', 'Green', 'Gold', 'Purple', 'Teal', 'Orange', 'Silver'] as const;

/** Deals students (in the given order) into `count` teams; 0 teams = no team for anyone. */
export function assignTeams(studentIds: readonly string[], count: number): Map<string, string> {
  const teams = new Map<string, string>();
  if (count <= 0) return teams;
  studentIds.forEach((id, i) => {
    teams.set(id, TEAM_NAMES[i % Math.min(count, TEAM_NAMES.length)] as string);
  });
  return teams;
}

/** The team a newcomer joins: the smallest of the first `count`, the first in name order on a tie. */
export function smallestTeam(teams: ReadonlyMap<string, string>, count: number): string | null {
  if (count <= 0) return null;
  const names = TEAM_NAMES.slice(0, count);
  const sizes = names.map((name) => [...teams.values()].filter((t) => t === name).length);
  return names[sizes.indexOf(Math.min(...sizes))] as string;
}
