/**
 * The pacing bench's clock: a round as a list of steps, each the turns of the roles awaited together. A step lasts
 * as long as its slowest turn (the others wait); a role is idle whenever it is not on a turn of its own. @module
 */
import { ROLES, type Role } from '@handshake/shared';
import type { TurnCost } from './pacingModel.ts';

export interface Turn {
  role: Role;
  /** Where the round was, for traces: the phase title the role saw. */
  prompt: string;
  cost: TurnCost;
}

/** One sequential step: the turns of every role that was awaited at once (played in parallel). */
export interface Step {
  turns: Turn[];
}

export interface RolePacing {
  turns: number;
  busySeconds: number;
  /** The round's time minus this role's own turns. */
  idleSeconds: number;
  /** The longest of its own turns. */
  longestTurnSeconds: number;
  /** The longest stretch without a turn, counting from the round's start and up to its end. */
  longestWaitSeconds: number;
}

export interface RoundPacing {
  steps: number;
  turns: number;
  busyworkTurns: number;
  seconds: number;
  roles: Record<Role, RolePacing>;
}

export function accountRound(steps: readonly Step[]): RoundPacing {
  const roles = Object.fromEntries(
    ROLES.map((r) => [r, { turns: 0, busySeconds: 0, idleSeconds: 0, longestTurnSeconds: 0, longestWaitSeconds: 0 }]),
  ) as Record<Role, RolePacing>;
  const idleSince = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  let now = 0;
  let turns = 0;
  let busyworkTurns = 0;
  for (const step of steps) {
    for (const { role, cost } of step.turns) {
      const r = roles[role];
      r.longestWaitSeconds = Math.max(r.longestWaitSeconds, now - idleSince[role]);
      r.turns++;
      r.busySeconds += cost.seconds;
      r.longestTurnSeconds = Math.max(r.longestTurnSeconds, cost.seconds);
      idleSince[role] = now + cost.seconds;
      turns++;
      if (cost.busywork) busyworkTurns++;
    }
    now += Math.max(0, ...step.turns.map((t) => t.cost.seconds));
  }
  for (const role of ROLES) {
    const r = roles[role];
    r.longestWaitSeconds = Math.max(r.longestWaitSeconds, now - idleSince[role]);
    r.idleSeconds = now - r.busySeconds;
  }
  return { steps: steps.length, turns, busyworkTurns, seconds: now, roles };
}
