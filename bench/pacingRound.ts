/**
 * Plays one round and cuts it into sequential steps: the roles awaited at once form one step; each prices its turn
 * from the view it had when the step began (they read and decide in parallel), and they move in the order they
 * would finish. The table is the engine with the honest bot in every seat, through its public API only. @module
 */
import {
  applyMove,
  botMove,
  initialState,
  type ProtocolMode,
  ROLES,
  type Role,
  seededRng,
  type TableState,
  type TableView,
  utf8ToBytes,
  viewFor,
} from '@handshake/shared';
import type { Step, Turn } from './pacingAccount.ts';
import {
  type ReadableView,
  type ReadMemory,
  remember,
  type ShownText,
  textsShown,
  turnCost,
  unreadTexts,
} from './pacingModel.ts';

/** What the round player needs of a table: a hand-made one in tests, the engine in the bench. */
export interface PacedTable {
  /** Who must move now; empty once the round is over. */
  awaiting(): readonly Role[];
  view(role: Role): ReadableView;
  /** Plays the honest bot's move for `role`. */
  playBot(role: Role): void;
}

interface PendingTurn extends Turn {
  unread: ShownText[];
}

export function playPacedRound(table: PacedTable): Step[] {
  const memory = Object.fromEntries(ROLES.map((r) => [r, new Set<string>()])) as Record<Role, ReadMemory>;
  const steps: Step[] = [];
  while (table.awaiting().length > 0) steps.push(playStep(table, memory));
  return steps;
}

function playStep(table: PacedTable, memory: Record<Role, ReadMemory>): Step {
  const pending = table.awaiting().map((role) => priceTurn(table, role, memory[role]));
  // Whoever finishes first moves first; ROLES order breaks ties, so the round is deterministic.
  pending.sort((a, b) => a.cost.seconds - b.cost.seconds || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  const stepRoles = new Set(pending.map((t) => t.role));
  const step: Step = { turns: [] };
  for (const turn of pending) {
    if (!table.awaiting().includes(turn.role)) continue;
    table.playBot(turn.role);
    remember(memory[turn.role], turn.unread);
    step.turns.push({ role: turn.role, prompt: turn.prompt, cost: turn.cost });
    stepRoles.delete(turn.role);
    // The step is over once someone is awaited who was not part of it, or who has already moved in it.
    if (table.awaiting().some((r) => !stepRoles.has(r))) break;
  }
  return step;
}

function priceTurn(table: PacedTable, role: Role, memory: ReadMemory): PendingTurn {
  const view = table.view(role);
  const unread = unreadTexts(memory, textsShown(view));
  return { role, prompt: view.phaseTitle, unread, cost: turnCost(unread, view.legalMoves) };
}

const SEED = utf8ToBytes('handshake pacing bench');
/** A round longer than this is a bug in the rules or the bots, not a slow round. */
const MAX_MOVES = 400;

/** A round of the engine, seeded per scenario and mode, with the honest bot (`botMove`) in every seat. */
export function engineTable(scenarioId: string, mode: ProtocolMode): PacedTable {
  const where = `${scenarioId} (${mode})`;
  let state: TableState = initialState({ scenarioId, mode, seed: seededRng(SEED, `${scenarioId} ${mode}`).bytes(32) });
  let table: TableView = viewFor(state, 'spectator');
  let moves = 0;
  return {
    awaiting() {
      if (table.phase === 'debrief') return [];
      if (table.awaiting.length === 0) throw new Error(`pacing: nobody is awaited in ${where} at ${table.phase}`);
      return table.awaiting;
    },
    view: (role) => viewFor(state, role),
    playBot(role) {
      const input = botMove(state, role);
      if (!input) throw new Error(`pacing: the ${role} bot has no move in ${where}`);
      const result = applyMove(state, role, input);
      if (!result.ok) throw new Error(`pacing: bot move refused in ${where}: ${result.error.code}`);
      if (++moves > MAX_MOVES) throw new Error(`pacing: ${where} runs past ${MAX_MOVES} moves`);
      state = result.value;
      table = viewFor(state, 'spectator');
    },
  };
}
