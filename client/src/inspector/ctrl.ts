/** The inspector's controller: which envelope, item or request is open, and where focus goes back to. @module */
import type { Role, TableView } from '@handshake/shared';
import type { ItemView } from '../table/viewTypes.ts';

export type InspectRef =
  | { kind: 'envelope'; id: number }
  /** An item in this player's pocket, or (in the debrief) in `owner`'s: ids repeat across pockets. */
  | { kind: 'item'; id: string; owner?: Role }
  | { kind: 'request'; id: string };

export function refKey(ref: InspectRef): string {
  return ref.kind === 'item' && ref.owner ? `item:${ref.owner}:${ref.id}` : `${ref.kind}:${ref.id}`;
}

export class InspectorCtrl {
  open: InspectRef | null = null;
  /** What opened the inspector: the element, and its `data-focus` key to find it again after a redraw replaced it. */
  #returnFocus: { element: HTMLElement; key: string | undefined } | null = null;

  show(ref: InspectRef): void {
    const active = document.activeElement;
    // Opening another subject from inside the inspector keeps the first opener.
    if (active instanceof HTMLElement && active.closest('.inspector')) {
      this.open = ref;
      return;
    }
    this.#returnFocus =
      active instanceof HTMLElement && active !== document.body ? { element: active, key: active.dataset.focus } : null;
    this.open = ref;
  }

  close(): void {
    this.open = null;
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (!back) return;
    const again = back.element.isConnected
      ? back.element
      : back.key
        ? document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(back.key)}"]`)
        : null;
    again?.focus();
  }

  /** The open thing still exists in this view (envelopes and items never vanish mid-round, but a new round resets). */
  stillThere(view: TableView | null): boolean {
    const ref = this.open;
    if (!ref || !view) return false;
    if (ref.kind === 'envelope') return view.envelopes.some((e) => e.id === ref.id);
    if (ref.kind === 'request') return view.requests.some((q) => q.id === ref.id);
    return findItem(view, ref.id, ref.owner) !== undefined;
  }
}

export function findItem(view: TableView, id: string, owner?: Role): ItemView | undefined {
  const pocket = owner && view.debrief ? view.debrief.pockets[owner] : view.pocket;
  return pocket.find((i) => i.id === id);
}

/** Items this viewer may open: its pocket, and in the debrief every pocket. */
export function allItems(view: TableView) {
  const items = [...view.pocket];
  if (view.debrief) {
    for (const pocket of Object.values(view.debrief.pockets)) {
      for (const item of pocket) if (!items.some((i) => i.id === item.id)) items.push(item);
    }
  }
  return items;
}
