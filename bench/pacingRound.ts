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
  type TableView,
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

/** A round being played: the state, what the table awaits, and what each role has read so far. */
interface RoundInPlay {
  scenarioId: string;
  mode: ProtocolMode;
  state: TableState;
  table: TableView;
  memory: Record<Role, ReadMemory>;
  moves: number;
}

export function playPacedRound(scenarioId: string, mode: ProtocolMode): Step[] {
  const state = initialState({ scenarioId, mode, seed: seededRng(SEED, `${scenarioId} ${mode}`).bytes(32) });
  const round: RoundInPlay = {
    scenarioId,
    mode,
    state,
    table: viewFor(state, 'spectator'),
    memory: Object.fromEntries(ROLES.map((r) => [r, new Set<string>()])) as Record<Role, ReadMemory>,
    moves: 0,
  };
  const steps: Step[] = [];
  while (round.table.phase !== 'debrief') steps.push(playStep(round));
  return steps;
}

function playStep(round: RoundInPlay): Step {
  const pending = round.table.awaiting.map((role) => priceTurn(round.state, role, round.memory[role]));
  // Whoever finishes first moves first; ROLES order breaks ties, so the round is deterministic.
  pending.sort((a, b) => a.cost.seconds - b.cost.seconds || ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  const stepRoles = new Set(pending.map((t) => t.role));
  const step: Step = { turns: [] };
  for (const turn of pending) {
    if (!round.table.awaiting.includes(turn.role)) continue;
    playBotMove(round, turn.role);
    remember(round.memory[turn.role], turn.unread);
    step.turns.push({ role: turn.role, prompt: turn.prompt, cost: turn.cost });
    stepRoles.delete(turn.role);
    // The step is over once someone is awaited who was not part of it, or who has already moved in it.
    if (round.table.awaiting.some((r) => !stepRoles.has(r))) break;
  }
  if (step.turns.length === 0) throw new Error(`pacing: nobody moved in ${round.scenarioId} (${round.mode})`);
  return step;
}

function priceTurn(state: TableState, role: Role, memory: ReadMemory): PendingTurn {
  const view = viewFor(state, role);
  const unread = unreadTexts(memory, textsShown(view));
  return { role, prompt: view.phaseTitle, unread, cost: turnCost(unread, view.legalMoves) };
}

function playBotMove(round: RoundInPlay, role: Role): void {
  const where = `${round.scenarioId} (${round.mode})`;
  const input = botMove(round.state, role);
  if (!input) throw new Error(`pacing: the ${role} bot has no move in ${where}`);
  const result = applyMove(round.state, role, input);
  if (!result.ok) throw new Error(`pacing: bot move refused in ${where}: ${result.error.code}`);
  if (++round.moves > MAX_MOVES) throw new Error(`pacing: ${where} runs past ${MAX_MOVES} moves`);
  round.state = result.value;
  round.table = viewFor(round.state, 'spectator');
}
