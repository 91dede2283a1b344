/** Mounts the Phaser board into an element; the game screen hands it models and gets clicks and drops back. @module */
import Phaser from 'phaser';
import { STAGE } from './layout.ts';
import type { BoardEvents, BoardModel } from './model.ts';
import { NetworkScene } from './networkScene.ts';

export interface Board {
  show(model: BoardModel): void;
  destroy(): void;
}

export function mountBoard(parent: HTMLElement, events: BoardEvents): Board {
  const scene = new NetworkScene(events);
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    width: STAGE.width,
    height: STAGE.height,
    backgroundColor: '#fbfaf6',
    banner: false,
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene,
  });
  let last = '';
  return {
    show(model) {
      // Redraw only on a real change: the countdown ticks every second and must not interrupt a drag.
      const signature = JSON.stringify(model);
      if (signature === last) return;
      last = signature;
      scene.show(model);
    },
    destroy() {
      game.destroy(true);
    },
  };
}
