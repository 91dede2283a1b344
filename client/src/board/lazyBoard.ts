/**
 * The board, loaded when a round first needs it: Phaser is most of the app's weight, and the start page
 * and lobby should open at once on a slow school network. Models shown before it arrives are kept.
 * @module
 */
import type { Board } from './board.ts';
import type { BoardEvents, BoardModel } from './model.ts';

export type { Board };

export function lazyBoard(parent: HTMLElement, events: BoardEvents): Board {
  let board: Board | null = null;
  let latest: BoardModel | null = null;
  let expanded = false;
  let destroyed = false;
  void import('./board.ts').then(({ mountBoard }) => {
    if (destroyed) return;
    board = mountBoard(parent, events, expanded);
    if (latest) board.show(latest);
  });
  return {
    show(model) {
      latest = model;
      board?.show(model);
    },
    expand(value) {
      expanded = value;
      board?.expand(value);
    },
    destroy() {
      destroyed = true;
      board?.destroy();
    },
  };
}
