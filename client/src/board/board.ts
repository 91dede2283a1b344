/**
 * Mounts the Phaser board into an element; the game screen hands it models and gets clicks and drops back.
 * It picks the layout that keeps every text at 12 px or more for the space it has (the wide board, or the
 * compact one — shown as a strip of the wire until the player expands it) and says which on the element.
 * @module
 */
import Phaser from 'phaser';
import { type BoardLayout, LAYOUTS, layoutFor } from './layout.ts';
import type { BoardEvents, BoardModel } from './model.ts';
import { NetworkScene } from './networkScene.ts';

/** How long the board keeps drawing after the last change or pointer movement (ms). */
const IDLE_MS = 1_500;
/** The board may take this share of the window's height. */
const MAX_HEIGHT_SHARE = 0.66;

export interface Board {
  show(model: BoardModel): void;
  /** Compact board only: the whole board (true) or the strip of the wire (false). */
  expand(expanded: boolean): void;
  destroy(): void;
}

export function mountBoard(parent: HTMLElement, events: BoardEvents, expanded = false): Board {
  const scene = new NetworkScene(events);
  const game = new Phaser.Game({
    type: Phaser.CANVAS,
    parent,
    width: LAYOUTS.wide.stage.width,
    height: LAYOUTS.wide.stage.height,
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
      publishLabels();
      publishMoves();
      game.loop.sleep();
      sleeping = true;
    }, IDLE_MS);
  };

  let current: { layout: BoardLayout; strip: boolean } | null = null;
  /** Chooses the layout for the column's width and the window's height; resizes the game when it changes. */
  const fit = () => {
    const column = parent.parentElement ?? parent;
    const layout = layoutFor(column.clientWidth, window.innerHeight * MAX_HEIGHT_SHARE);
    const strip = layout.name === 'compact' && !expanded;
    if (current && current.layout === layout && current.strip === strip) return;
    current = { layout, strip };
    const height = strip ? layout.strip.height : layout.stage.height;
    parent.style.aspectRatio = `${layout.stage.width} / ${height}`;
    parent.dataset.layout = layout.name;
    parent.dataset.strip = String(strip);
    game.scale.setGameSize(layout.stage.width, height);
    scene.useLayout(layout, strip);
    wake();
  };
  game.events.once(Phaser.Core.Events.READY, fit);

  /** The texts the board shows, in CSS pixels, for the page (and its tests) to check size and contrast. */
  const publishLabels = () => {
    const canvas = parent.querySelector('canvas');
    if (!canvas || !current) return;
    const scale = canvas.getBoundingClientRect().width / current.layout.stage.width;
    parent.dataset.labels = JSON.stringify(
      scene.visibleLabels().map((l) => ({ ...l, shownPx: Math.round(l.fontPx * scale * 10) / 10 })),
    );
  };

  /** How the envelopes moved (travelling, or placed at once under reduced motion), for the page's tests. */
  const publishMoves = () => {
    parent.dataset.envelopeMoves = JSON.stringify(scene.envelopeMoves);
  };

  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'wheel']) parent.addEventListener(type, wake);
  const resize = new ResizeObserver(() => {
    if (game.isBooted) fit();
    wake();
  });
  resize.observe(parent.parentElement ?? parent);
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
      publishMoves();
    },
    expand(value) {
      expanded = value;
      if (game.isBooted) fit();
    },
    destroy() {
      clearTimeout(idleTimer);
      resize.disconnect();
      game.destroy(true);
    },
  };
}
