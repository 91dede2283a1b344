/**
 * The practice table's controller: owns the LocalTableSession, scores the round when it reaches the debrief and
 * records it in the campaign's progress; knows where "another role" and "next scenario" lead. No DOM here.
 * @module
 */
import { findScenario, PROTOCOL_MODES, type ProtocolMode, ROLES, type Role, type Scenario } from '@handshake/shared';
import { nextScenario } from './campaign.ts';
import { browserScheduler, type LocalTableOptions, LocalTableSession, type Scheduler } from './localTableSession.ts';
import { type ProgressStorage, recordRound } from './progress.ts';
import { type RoundResult, roundResult } from './stars.ts';

export interface PracticeTarget {
  scenario: Scenario;
  role: Role;
  mode: ProtocolMode;
}

/** Reads `scenarioId/role[/mode]` from the address; a sentence for the student when it names nothing playable. */
export function parsePracticeTarget(rest: string): PracticeTarget | { error: string } {
  const [scenarioId = '', role = '', mode, ...extra] = rest.split('/');
  const scenario = findScenario(scenarioId);
  if (!scenario) return { error: `There is no scenario called “${scenarioId}”.` };
  if (!(ROLES as readonly string[]).includes(role) || !scenario.roles.includes(role as Role))
    return { error: `“${scenario.title}” cannot be practised as “${role}”.` };
  if (extra.length > 0 || (mode !== undefined && !(PROTOCOL_MODES as readonly string[]).includes(mode)))
    return { error: `“${rest}” is not a practice table address.` };
  if (mode !== undefined && !scenario.modes.includes(mode as ProtocolMode))
    return { error: `“${scenario.title}” is not played in ${mode}.` };
  return { scenario, role: role as Role, mode: (mode as ProtocolMode | undefined) ?? scenario.modes[0]! };
}

export class PracticeTableCtrl {
  readonly session: LocalTableSession;
  /** The finished round's result, once scored. */
  result: RoundResult | null = null;
  #scoredRound = 0;
  readonly #schedule: Scheduler;
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: () => void;

  constructor(
    readonly target: PracticeTarget,
    readonly storage: ProgressStorage,
    options: Partial<LocalTableOptions> = {},
  ) {
    this.#schedule = options.schedule ?? browserScheduler;
    this.session = new LocalTableSession({
      ...options,
      scenarioId: target.scenario.id,
      mode: target.mode,
      role: target.role,
    });
    const offChange = this.session.onChange((snapshot) => {
      if (snapshot.view?.phase === 'debrief' && this.#scoredRound !== snapshot.round) this.#score(snapshot.round);
      if (snapshot.view?.phase !== 'debrief' && this.result) this.result = null;
      this.#notify();
    });
    const offStatus = this.session.onStatus(() => this.#notify());
    this.#unsubscribe = () => {
      offChange();
      offStatus();
    };
  }

  onUpdate(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** What is being played now: the address chose it, but the table's own lobby may change it between rounds. */
  get playing(): { scenario: Scenario; role: Role | null; mode: ProtocolMode } {
    const { scenarioId, mode, you } = this.session.snapshot;
    return { scenario: findScenario(scenarioId)!, role: you.role, mode };
  }

  /** The other seats this scenario can be practised in. */
  get otherRoles(): Role[] {
    const { scenario, role } = this.playing;
    return scenario.roles.filter((r) => r !== role);
  }

  get nextScenario(): Scenario | null {
    return nextScenario(this.playing.scenario.id);
  }

  tryAgain(): void {
    this.result = null;
    this.session.start();
  }

  close(): void {
    this.#unsubscribe();
    this.#listeners.clear();
    this.session.leave();
  }

  /** Scoring replays the round for par (engine work): done once per round, right after the debrief is drawn. */
  #score(round: number): void {
    this.#scoredRound = round;
    const state = this.session.state!;
    const hints = this.session.status.hintsUsed;
    const role = this.session.snapshot.you.role;
    if (!role) return;
    this.#schedule(() => {
      if (this.session.snapshot.round !== round) return;
      this.result = roundResult(state, role, hints);
      recordRound(this.storage, this.result);
      this.#notify();
    }, 0);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
