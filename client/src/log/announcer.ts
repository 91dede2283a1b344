/**
 * The ARIA live region: new log entries, turns and refusals are read out by screen readers as they happen.
 * Tracks what it has said so a redraw never repeats an announcement.
 * @module
 */
import type { TableView } from '@handshake/shared';
import { h } from '../app/dom.ts';

export class Announcer {
  readonly polite = h('div', { class: 'sr-only', 'aria-live': 'polite', role: 'log', 'aria-label': 'Announcements' });
  readonly urgent = h('div', { class: 'sr-only', 'aria-live': 'assertive', role: 'alert' });
  #logSeen = 0;
  #lastVersion = -1;
  #lastTurn = false;

  /** Says what is new in this view: log entries since the last one, and whether it is now this player's turn. */
  view(view: TableView | null): void {
    if (!view) return;
    if (view.version < this.#lastVersion) this.#logSeen = 0; // a new round
    this.#lastVersion = view.version;
    const fresh = view.log.slice(this.#logSeen).map((e) => `${e.actor}: ${e.text}`);
    this.#logSeen = view.log.length;
    const myTurn = view.legalMoves.length > 0;
    if (myTurn && !this.#lastTurn) fresh.push(`Your move: ${view.phaseTitle}.`);
    this.#lastTurn = myTurn;
    if (view.phase === 'debrief' && fresh.length > 0) fresh.push('The round is over: the debrief is open.');
    for (const line of fresh) this.say(line);
  }

  say(text: string): void {
    this.polite.append(h('p', {}, text));
    // Keep the region short: screen readers read additions, not the whole history.
    while (this.polite.childElementCount > 8) this.polite.firstElementChild?.remove();
  }

  alert(text: string): void {
    this.urgent.replaceChildren(h('p', {}, text));
  }
}
