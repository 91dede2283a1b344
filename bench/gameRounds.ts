/**
 * Game rounds per protocol mode, as the server plays them: `initialState`, then every move by the engine's
 * bots through `applyMove`, and — as the room does after each accepted move — `viewFor` for the four roles
 * and a spectator. Cycles through every scenario that lists the mode, with a fresh seed per round. @module
 */
import {
  applyMove,
  botMove,
  initialState,
  PROTOCOL_MODES,
  type ProtocolMode,
  ROLES,
  SCENARIOS,
  seededRng,
  utf8ToBytes,
  viewFor,
} from '@handshake/shared';

const VIEWERS = [...ROLES, 'spectator'] as const;
const SEED = utf8ToBytes('handshake game bench');

export interface GameRoundFigures {
  mode: ProtocolMode;
  rounds: number;
  moves: number;
  /** Mean wall time per round, split into the round's three kinds of work. */
  msPerRound: number;
  setupMs: number;
  movesMs: number;
  viewsMs: number;
}

/** Plays one round; returns how long each part took. */
function playRound(scenarioId: string, mode: ProtocolMode, round: number) {
  const seed = seededRng(SEED, `${mode} ${round}`).bytes(32);
  let t = performance.now();
  let state = initialState({ scenarioId, mode, seed });
  const setupMs = performance.now() - t;
  let movesMs = 0;
  let viewsMs = 0;
  let moves = 0;
  while (state.phase !== 'debrief') {
    const role = ROLES.find((r) => state.awaiting.includes(r));
    const input = role && botMove(state, role);
    if (!role || !input) throw new Error(`bench: no bot move in ${scenarioId} (${mode}) at ${state.phase}`);
    t = performance.now();
    const result = applyMove(state, role, input);
    movesMs += performance.now() - t;
    if (!result.ok) throw new Error(`bench: bot move refused in ${scenarioId}: ${result.error.code}`);
    state = result.value;
    moves++;
    t = performance.now();
    for (const viewer of VIEWERS) viewFor(state, viewer);
    viewsMs += performance.now() - t;
  }
  return { setupMs, movesMs, viewsMs, moves };
}

/** Every mode some scenario is played in, measured for at least `minMs` and `minRounds` rounds each. */
export function measureGameRounds(
  minMs: number,
  minRounds: number,
  modes: readonly ProtocolMode[] = PROTOCOL_MODES,
): GameRoundFigures[] {
  const figures: GameRoundFigures[] = [];
  for (const mode of modes) {
    const scenarios = SCENARIOS.filter((s) => s.modes.includes(mode));
    if (scenarios.length === 0) continue;
    playRound(scenarios[0]!.id, mode, -1); // warm-up
    const total = { rounds: 0, moves: 0, setupMs: 0, movesMs: 0, viewsMs: 0 };
    const started = performance.now();
    while (performance.now() - started < minMs || total.rounds < minRounds) {
      const part = playRound(scenarios[total.rounds % scenarios.length]!.id, mode, total.rounds);
      total.rounds++;
      total.moves += part.moves;
      total.setupMs += part.setupMs;
      total.movesMs += part.movesMs;
      total.viewsMs += part.viewsMs;
    }
    const per = (ms: number) => ms / total.rounds;
    figures.push({
      mode,
      rounds: total.rounds,
      moves: total.moves,
      msPerRound: per(total.setupMs + total.movesMs + total.viewsMs),
      setupMs: per(total.setupMs),
      movesMs: per(total.movesMs),
      viewsMs: per(total.viewsMs),
    });
  }
  return figures;
}
