/**
 * The action panel's controller: the moves the engine says are legal now, the choices a player has
 * filled in for each (by the form or by dropping items on the board), and sending one.
 * It never decides what is legal: that comes from the view's `legalMoves`.
 * @module
 */
import type { Choice, LegalMove, MoveInput, TableView } from '@handshake/shared';

/** A legal move and its place in the list, keyed so a draft survives redraws of the same step. */
export interface ActionEntry {
  key: string;
  legal: LegalMove;
}

/** A place on the board an item can be dropped to fill in a choice. */
export interface DropTarget {
  id: string;
  label: string;
  kind: Choice['kind'];
  /** Item ids that may go here. */
  accepts: string[];
  chosen: string[];
}

const FIELD_LABELS: Record<string, string> = {
  lockWith: 'Lock with',
  certificateId: 'Certificate to present',
  pieces: 'Pieces for the session keys',
  cipherSuites: 'Cipher suites to offer',
  cipherSuite: 'Cipher suite to use',
  reason: 'Reason',
  requestId: 'Request',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export class ActionsCtrl {
  /** Choices by entry key, then by field. Cleared when the view's version changes. */
  #drafts = new Map<string, Map<string, string[]>>();
  #version = -1;
  /** Why the last send attempt could not go (a missing choice), shown beside the move. */
  problem: { key: string; message: string } | null = null;

  constructor(private readonly send: (input: MoveInput) => void) {}

  /** Adopts a new view: a new version is a new step, so old drafts go. */
  sync(view: TableView | null): void {
    const version = view?.version ?? -1;
    if (version !== this.#version) {
      this.#version = version;
      this.#drafts.clear();
      this.problem = null;
    }
  }

  entries(view: TableView | null): ActionEntry[] {
    const seen = new Map<string, number>();
    return (view?.legalMoves ?? []).map((legal) => {
      const base = `${legal.type}:${legal.label}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return { key: n ? `${base}#${n}` : base, legal };
    });
  }

  chosen(entry: ActionEntry, choice: Choice): string[] {
    const draft = this.#drafts.get(entry.key)?.get(choice.field);
    if (draft) return draft;
    // A choice with a single option is no choice: it is filled in already.
    return choice.kind === 'one' && choice.options.length === 1 ? [choice.options[0]!.value] : [];
  }

  choose(entry: ActionEntry, choice: Choice, value: string, selected = true): void {
    if (!choice.options.some((o) => o.value === value)) return;
    const fields = this.#drafts.get(entry.key) ?? new Map<string, string[]>();
    this.#drafts.set(entry.key, fields);
    const current = this.chosen(entry, choice);
    const next =
      choice.kind === 'one'
        ? selected
          ? [value]
          : []
        : selected
          ? [...new Set([...current, value])]
          : current.filter((v) => v !== value);
    fields.set(choice.field, next);
    if (this.problem?.key === entry.key) this.problem = null;
  }

  /** Sends the move, or explains which choice is still missing. Returns whether it was sent. */
  submit(view: TableView, entry: ActionEntry): boolean {
    const { legal } = entry;
    if (legal.move) {
      this.send({ version: view.version, move: legal.move } as MoveInput);
      return true;
    }
    const move: Record<string, unknown> = { type: legal.type };
    for (const choice of legal.choices ?? []) {
      const values = this.chosen(entry, choice);
      if (values.length === 0) {
        this.problem = {
          key: entry.key,
          message: `Choose ${choice.kind === 'one' ? 'one' : 'at least one'}: ${fieldLabel(choice.field).toLowerCase()}.`,
        };
        return false;
      }
      move[choice.field] = choice.kind === 'one' ? values[0] : values;
    }
    this.send({ version: view.version, move } as MoveInput);
    return true;
  }

  /** The choices whose options are items in the player's pocket: those can be filled by dragging on the board. */
  dropTargets(view: TableView | null): DropTarget[] {
    if (!view) return [];
    const itemIds = new Set(view.pocket.map((i) => i.id));
    const targets: DropTarget[] = [];
    for (const entry of this.entries(view)) {
      for (const choice of entry.legal.choices ?? []) {
        const accepts = choice.options.map((o) => o.value).filter((v) => itemIds.has(v));
        if (accepts.length === 0) continue;
        targets.push({
          id: `${entry.key}|${choice.field}`,
          label: fieldLabel(choice.field),
          kind: choice.kind,
          accepts,
          chosen: this.chosen(entry, choice),
        });
      }
    }
    return targets;
  }

  /** An item dropped on a target: the same as ticking it in the panel. Returns whether it fitted. */
  drop(view: TableView | null, targetId: string, itemId: string): boolean {
    const [key, field] = targetId.split('|');
    const entry = this.entries(view).find((e) => e.key === key);
    const choice = entry?.legal.choices?.find((c) => c.field === field);
    if (!entry || !choice?.options.some((o) => o.value === itemId)) return false;
    this.choose(entry, choice, itemId, true);
    return true;
  }
}
