/** The inspector's controller: which envelope, item or request is open, and where focus goes back to. @module */
import type { TableView } from '@handshake/shared';

export type InspectRef =
  | { kind: 'envelope'; id: number }
  | { kind: 'item'; id: string }
  | { kind: 'request'; id: string };

export function refKey(ref: InspectRef): string {
  return `${ref.kind}:${ref.id}`;
}

export class InspectorCtrl {
  open: InspectRef | null = null;
  #returnFocus: HTMLElement | null = null;

  show(ref: InspectRef): void {
    const active = document.activeElement;
    this.#returnFocus = active instanceof HTMLElement && active !== document.body ? active : null;
    this.open = ref;
  }

  close(): void {
    this.open = null;
    const back = this.#returnFocus;
    this.#returnFocus = null;
    if (back?.isConnected) back.focus();
  }

  /** The open thing still exists in this view (envelopes and items never vanish mid-round, but a new round resets). */
  stillThere(view: TableView | null): boolean {
    const ref = this.open;
    if (!ref || !view) return false;
    if (ref.kind === 'envelope') return view.envelopes.some((e) => e.id === ref.id);
    if (ref.kind === 'request') return view.requests.some((q) => q.id === ref.id);
    return allItems(view).some((i) => i.id === ref.id);
  }
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
