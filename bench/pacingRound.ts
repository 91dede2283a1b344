/**
 * Plays one round with the honest bot in every seat, through the engine's public API only, and cuts it into
 * sequential steps: the roles awaited at once form one step; each prices its turn from the view it had when the
 * step began (they read and decide in parallel), and they move in the order they would finish. @module
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
  utf8ToBytes,
  viewFor,
} from '@handshake/shared';
import type { Step, Turn } from './pacingAccount.ts';
import { type ReadMemory, remember, type ShownText, textsShown, turnCost, unreadTexts } from './pacingModel.ts';

const SEED = utf8ToBytes('handshake pacing bench');
/** A round longer than this is a bug in the rules or the bots, not a slow round. */
const MAX_MOVES = 400;

interface PendingTurn extends Turn {
  unread: ShownText[];
}

export function playPacedRound(scenarioId: string, mode: ProtocolMode): Step[] {
  let state = initialState({ scenarioId, mode, seed: seededRng(SEED, `${scenarioId} ${mode}`).bytes(32) });
  const memory = Object.fromEntries(ROLES.map((r) => [r, new Set<string>()])) as Record<Role, ReadMemory>;
  const steps: Step[] = [];
  let moves = 0;
  while (viewFor(state, 'spectator').phase !== 'debrief') {
    const pending = viewFor(state, 'spectator').awaiting.map((role) => priceTurn(state, role, memory[role]));
    // Whoever finishes first moves first; ROLES order breaks ties, so the round is deterministic.
    pending.sort((a, b) => a.cost.seconds - b.cost.seconds || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
    const stepRoles = new Set(pending.map((t) => t.role));
    const step: Step = { turns: [] };
    for (const turn of pending) {
      if (!viewFor(state, 'spectator').awaiting.includes(turn.role)) continue;
      state = playBotMove(state, turn.role, scenarioId, mode);
      if (++moves > MAX_MOVES) throw new Error(`pacing: ${scenarioId} (${mode}) runs past ${MAX_MOVES} moves`);
      remember(memory[turn.role], turn.unread);
      step.turns.push({ role: turn.role, prompt: turn.prompt, cost: turn.cost });
      stepRoles.delete(turn.role);
      // The step is over once someone is awaited who was not part of it, or who has already moved in it.
      if (viewFor(state, 'spectator').awaiting.some((r) => !stepRoles.has(r))) break;
    }
    if (step.turns.length === 0) throw new Error(`pacing: nobody moved in ${scenarioId} (${mode})`);
    steps.push(step);
  }
  return steps;
}

function priceTurn(state: TableState, role: Role, memory: ReadMemory): PendingTurn {
  const view = viewFor(state, role);
  const unread = unreadTexts(memory, textsShown(view));
  return { role, prompt: view.phaseTitle, unread, cost: turnCost(unread, view.legalMoves) };
}

function playBotMove(state: TableState, role: Role, scenarioId: string, mode: ProtocolMode): TableState {
  const input = botMove(state, role);
  if (!input) throw new Error(`pacing: the ${role} bot has no move in ${scenarioId} (${mode})`);
  const result = applyMove(state, role, input);
  if (!result.ok) throw new Error(`pacing: bot move refused in ${scenarioId} (${mode}): ${result.error.code}`);
  return result.value;
}
