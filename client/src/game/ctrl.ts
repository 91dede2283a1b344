/**
 * The table screen's controller: the latest snapshot, which screen it calls for (lobby, game, debrief),
 * the action drafts, the inspector, the last refusal and the announcements. Views read it; it talks to the session.
 * @module
 */
import { ROLES, type TableView } from '@handshake/shared';
import { ActionsCtrl } from '../actions/ctrl.ts';
import { ROLE_TITLE } from '../art/palette.ts';
import { InspectorCtrl, type InspectRef } from '../inspector/ctrl.ts';
import { Announcer } from '../log/announcer.ts';
import type { Rejection, TableSession, TableSnapshot } from '../table/session.ts';

export type TableStage = 'lobby' | 'game' | 'debrief';

export function stageOf(snapshot: TableSnapshot): TableStage {
  const view = snapshot.view;
  if (!view || snapshot.round === 0) return 'lobby';
  return view.phase === 'debrief' ? 'debrief' : 'game';
}

export class TableScreenCtrl {
  snapshot: TableSnapshot;
  readonly actions: ActionsCtrl;
  readonly inspector = new InspectorCtrl();
  readonly announcer = new Announcer();
  /** The last refusal, shown until the table moves on. */
  rejection: { message: string; version: number } | null = null;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(
    readonly session: TableSession,
    private readonly onUpdate: (ctrl: TableScreenCtrl, onlyClock: boolean) => void,
  ) {
    this.snapshot = session.snapshot;
    this.actions = new ActionsCtrl((input) => session.sendMove(input));
    this.actions.sync(this.snapshot.view);
    this.#unsubscribe.push(
      session.onChange((snapshot) => this.#adopt(snapshot)),
      session.onRejected((rejection) => this.#rejected(rejection)),
    );
  }

  get view(): TableView | null {
    return this.snapshot.view;
  }

  get stage(): TableStage {
    return stageOf(this.snapshot);
  }

  /** Who the table waits for, in words. */
  waitingFor(): string {
    const view = this.view;
    if (!view || view.awaiting.length === 0) return 'Nobody needs to act right now.';
    const names = view.awaiting.map((role) => {
      const seat = this.snapshot.seats.find((s) => s.role === role);
      const who = seat?.bot ? 'a bot' : seat?.nickname || 'a player';
      return `the ${ROLE_TITLE[role].name} (${who})`;
    });
    return `Waiting for ${names.join(' and ')}.`;
  }

  inspect(ref: InspectRef): void {
    this.inspector.show(ref);
    this.onUpdate(this, false);
  }

  closeInspector(): void {
    this.inspector.close();
    this.onUpdate(this, false);
  }

  /** A local change (a move sent): redraw without a new snapshot. */
  changed(): void {
    this.onUpdate(this, false);
  }

  /**
   * A choice ticked or an item dropped: the last refusal was about the old draft, so it goes — a player who
   * fixes the choice must not still see the red error.
   */
  edited(): void {
    this.rejection = null;
    this.onUpdate(this, false);
  }

  drop(targetId: string, itemId: string): void {
    const item = this.view?.pocket.find((i) => i.id === itemId);
    if (this.actions.drop(this.view, targetId, itemId)) {
      this.announcer.say(`${item?.label ?? itemId} chosen.`);
    } else {
      this.announcer.alert(`${item?.label ?? itemId} does not fit there.`);
    }
    this.edited();
  }

  destroy(): void {
    for (const off of this.#unsubscribe) off();
  }

  #adopt(snapshot: TableSnapshot): void {
    const before = this.snapshot;
    this.snapshot = snapshot;
    this.actions.sync(snapshot.view);
    if (this.rejection && snapshot.view && snapshot.view.version !== this.rejection.version) this.rejection = null;
    // A refusal said while paused ("your teacher paused the game") is stale once the game goes on.
    if (before.paused && !snapshot.paused) this.rejection = null;
    if (snapshot.connection !== before.connection) this.#announceConnection(snapshot);
    if (snapshot.view !== before.view) this.announcer.view(snapshot.view);
    if (before.round !== snapshot.round && snapshot.round > 0) this.inspector.open = null;
    if (this.inspector.open && !this.inspector.stillThere(snapshot.view)) this.inspector.open = null;
    this.onUpdate(this, onlyClockChanged(before, snapshot));
  }

  #rejected(rejection: Rejection): void {
    this.rejection = { message: rejection.message, version: this.view?.version ?? -1 };
    this.announcer.alert(`Not done: ${rejection.message}`);
    this.onUpdate(this, false);
  }

  #announceConnection(snapshot: TableSnapshot): void {
    if (snapshot.connection === 'reconnecting') this.announcer.alert('Connection lost; reconnecting…');
    if (snapshot.connection === 'connected') this.announcer.say('Reconnected.');
    if (snapshot.connection === 'closed') this.announcer.alert(snapshot.closedReason ?? 'The connection closed.');
  }
}

function onlyClockChanged(a: TableSnapshot, b: TableSnapshot): boolean {
  return (
    a.view === b.view &&
    a.connection === b.connection &&
    a.round === b.round &&
    a.scenarioId === b.scenarioId &&
    a.mode === b.mode &&
    a.paused === b.paused &&
    a.you.role === b.you.role &&
    a.you.isHost === b.you.isHost &&
    ROLES.every((_, i) => JSON.stringify(a.seats[i]) === JSON.stringify(b.seats[i]))
  );
}
