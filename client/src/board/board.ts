/** Mounts the Phaser board into an element; the game screen hands it models and gets clicks and drops back. @module */
import Phaser from 'phaser';
import { STAGE } from './layout.ts';
import type { BoardEvents, BoardModel } from './model.ts';
import { NetworkScene } from './networkScene.ts';

/** How long the board keeps drawing after the last change or pointer movement (ms). */
const IDLE_MS = 1_500;

export interface Board {
  show(model: BoardModel): void;
  destroy(): void;
}

export function mountBoard(parent: HTMLElement, events: BoardEvents): Board {
  const scene = new NetworkScene(events);
  const game = new Phaser.Game({
    type: Phaser.CANVAS,
    parent,
    width: STAGE.width,
    height: STAGE.height,
    backgroundColor: '#fbfaf6',
    banner: false,
    scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH },
    scene,
  });
  // The board is still most of the time: let the game loop sleep between changes so a classroom laptop
  // (or four pupils' tabs on one machine) does not redraw an unchanged picture sixty times a second.
  let sleeping = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const wake = () => {
    if (sleeping) {
      game.loop.wake();
      sleeping = false;
    }
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (scene.busy) return wake();
      game.loop.sleep();
      sleeping = true;
    }, IDLE_MS);
  };
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'wheel']) parent.addEventListener(type, wake);
  const resize = new ResizeObserver(wake);
  resize.observe(parent);
  wake();

  let last = '';
  return {
    show(model) {
      // Redraw only on a real change: the countdown ticks every second and must not interrupt a drag.
      const signature = JSON.stringify(model);
      if (signature === last) return;
      last = signature;
      wake();
      scene.show(model);
    },
    destroy() {
      clearTimeout(idleTimer);
      resize.disconnect();
      game.destroy(true);
    },
  };
}
