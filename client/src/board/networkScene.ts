/**
 * The Phaser scene: draws the four stations, the wire, the envelopes in their trays and the player's pocket,
 * exactly as the BoardModel says, in the layout it is given. It decides nothing about the rules; clicks and
 * drops are reported back. Every text it draws is recorded (words, size, colour, ground) for the page to check.
 * @module
 */
import Phaser from 'phaser';
import type { DropTarget } from '../actions/ctrl.ts';
import { itemShape } from '../art/icons.ts';
import { BOARD_GROUND, BOARD_INK, PALETTE, ROLE_COLOUR, ROLE_INK, ROLE_TITLE } from '../art/palette.ts';
import { refKey } from '../inspector/ctrl.ts';
import type { EnvelopeView, ItemView } from '../table/viewTypes.ts';
import {
  type BoardLayout,
  ENVELOPE,
  envelopeOrigin,
  LAYOUTS,
  MIN_LABEL_PX,
  type Point,
  pocketSlot,
  TARGET,
  targetCount,
  targetSlot,
  trayContents,
} from './layout.ts';
import type { BoardEvents, BoardModel } from './model.ts';
import { loadTextures, textureKey } from './textures.ts';

const colour = (css: string) => Number.parseInt(css.slice(1), 16);
const FONT = 'system-ui, "Segoe UI", Roboto, sans-serif';
const TRAVEL_MS = 650;

/** A text drawn on the board, as the page can check it: stage coordinates and size, colour and what is behind it. */
export interface BoardLabel {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontPx: number;
  colour: string;
  ground: string;
}

interface DrawnText {
  object: Phaser.GameObjects.Text;
  colour: string;
  ground: string;
  fontPx: number;
}

export class NetworkScene extends Phaser.Scene {
  #model: BoardModel | null = null;
  #pending: BoardModel | null = null;
  #ready = false;
  #dragging = false;
  #layout: BoardLayout = LAYOUTS.wide;
  #strip = false;
  /** Each envelope's status when last drawn, to animate only what moved. */
  #lastStatus = new Map<number, EnvelopeView['status']>();
  #backdrop: Phaser.GameObjects.Container | null = null;
  #layer: Phaser.GameObjects.Container | null = null;
  #labels: DrawnText[] = [];
  #backdropLabels: DrawnText[] = [];

  /** Envelopes that moved since the board started: travelling (tweened) or placed at once (reduced motion). */
  readonly envelopeMoves = { animated: 0, instant: 0 };

  constructor(private readonly report: BoardEvents) {
    super({ key: 'network' });
  }

  async create(): Promise<void> {
    await loadTextures(this.textures);
    this.input.dragDistanceThreshold = 8;
    this.#ready = true;
    this.#drawBackdrop();
    if (this.#pending) this.show(this.#pending);
  }

  /** Still setting up, being dragged on, or animating: the game loop must keep running. */
  get busy(): boolean {
    return !this.#ready || this.#dragging || this.tweens.getTweens().length > 0;
  }

  get layout(): BoardLayout {
    return this.#layout;
  }

  /** Adopts a layout (the game was resized to its stage, or to its strip) and draws everything again. */
  useLayout(layout: BoardLayout, strip: boolean): void {
    this.#layout = layout;
    this.#strip = strip;
    if (!this.#ready) return;
    this.#drawBackdrop();
    const model = this.#model ?? this.#pending;
    this.#model = null;
    if (model) this.show(model);
  }

  /** The texts now inside the camera's view, in stage coordinates relative to the view's top-left corner. */
  visibleLabels(): BoardLabel[] {
    const camera = this.cameras.main;
    const view = { x: camera.scrollX, y: camera.scrollY, width: camera.width, height: camera.height };
    return [...this.#backdropLabels, ...this.#labels]
      .filter(({ object }) => object.active && object.visible && object.text.trim() !== '')
      .map(({ object, colour: fill, ground, fontPx }) => {
        const bounds = object.getBounds();
        return {
          text: object.text,
          x: bounds.x - view.x,
          y: bounds.y - view.y,
          width: bounds.width,
          height: bounds.height,
          fontPx,
          colour: fill,
          ground,
        };
      })
      .filter((l) => l.y + l.height > 0 && l.y < view.height && l.x + l.width > 0 && l.x < view.width);
  }

  /** Draws a new model (deferred while the player drags an item, so a countdown tick never drops it). */
  show(model: BoardModel): void {
    this.#pending = model;
    if (!this.#ready || this.#dragging) return;
    this.#pending = null;
    const previous = this.#model;
    this.#model = model;
    this.#layer?.destroy();
    this.#labels = [];
    this.#layer = this.add.container(0, 0);
    this.#drawStations(model);
    this.#drawEnvelopes(model, previous === null);
    this.#drawPocket(model);
    this.#drawTargets(model.dropTargets, model.pocket);
  }

  #drawBackdrop(): void {
    const L = this.#layout;
    this.cameras.main.setScroll(0, this.#strip ? L.strip.y : 0);
    this.#backdrop?.destroy();
    this.#backdropLabels = [];
    this.#backdrop = this.add.container(0, 0);
    const g = this.add.graphics();
    this.#backdrop.add(g);
    g.fillStyle(colour(BOARD_GROUND.paper), 1).fillRect(0, 0, L.stage.width, L.stage.height);
    // The wire: a thick cable with a tap where the eavesdropper listens.
    g.lineStyle(8, colour(PALETTE.wire), 1).lineBetween(L.wire.from.x, L.wire.from.y, L.wire.to.x, L.wire.to.y);
    g.lineStyle(3, colour(ROLE_COLOUR.eavesdropper), 1);
    dashed(g, L.wire.tap, L.tapEnd, 8, 6);
    // The CA's desk: a dashed path to the website, clear of the trays.
    g.lineStyle(3, colour(ROLE_COLOUR.ca), 1);
    for (let i = 1; i < L.desk.length; i++) dashed(g, L.desk[i - 1]!, L.desk[i]!, 10, 6);
    const wireLabel = this.#text(L.wireLabel.at.x, L.wireLabel.at.y, L.wireLabel.text, BOARD_INK.wire, {
      originX: 1,
    });
    const deskLabel = this.#text(L.deskLabel.x, L.deskLabel.y, 'CA desk', ROLE_INK.ca, {});
    this.#backdrop.add([wireLabel, deskLabel]);
    this.#backdropLabels = this.#labels.splice(-2);
    g.fillStyle(colour(BOARD_GROUND.band), 1).fillRect(0, L.pocketBand.y, L.stage.width, L.pocketBand.height);
    g.lineStyle(2, 0xc9c4b5, 1).lineBetween(0, L.pocketBand.y, L.stage.width, L.pocketBand.y);
    this.#backdrop.setDepth(-1);
  }

  #drawStations(model: BoardModel): void {
    const L = this.#layout;
    for (const seat of model.seats) {
      const at = L.stations[seat.role];
      const moving = model.awaiting.includes(seat.role);
      if (moving) {
        // A ring and a word, not only a colour: this station is expected to act.
        const ring = this.add.graphics();
        ring.lineStyle(4, colour(PALETTE.orange), 1).strokeCircle(at.x, at.y, L.iconSize * 0.66);
        this.#layer!.add(ring);
        const label = L.stationLabels[seat.role];
        const where =
          L.toMove === 'above' ? { x: at.x, y: at.y - L.iconSize * 0.66 - 12 } : { x: label.x, y: label.y + 36 };
        this.#layer!.add(this.#text(where.x, where.y, '▶ to move', BOARD_INK.toMove, { bold: true }));
      }
      this.#layer!.add(this.add.image(at.x, at.y, textureKey.role(seat.role)).setDisplaySize(L.iconSize, L.iconSize));
      const who = seat.nickname ? `${seat.nickname}${seat.you ? ' (you)' : ''}${seat.bot ? ' · bot' : ''}` : 'bot';
      const label = L.stationLabels[seat.role];
      this.#layer!.add(
        this.#text(label.x, label.y, ROLE_TITLE[seat.role].station, ROLE_INK[seat.role], { bold: true, size: 16 }),
      );
      this.#layer!.add(this.#text(label.x, label.y + 18, who, BOARD_INK.text, {}));
    }
  }

  #drawEnvelopes(model: BoardModel, first: boolean): void {
    const L = this.#layout;
    const selected = model.selected ? refKey(model.selected) : null;
    for (const contents of trayContents(L, model.envelopes).values()) {
      if (contents.stackSlot) this.#stack(contents.stackSlot, contents.stacked);
      for (const { envelope, slot } of contents.shown) {
        const before = this.#lastStatus.get(envelope.id);
        const card = this.#envelope(envelope, selected === `envelope:${envelope.id}`);
        const moved = !first && before !== envelope.status && envelope.status !== 'dropped';
        if (moved) this.envelopeMoves[model.reducedMotion ? 'instant' : 'animated']++;
        if (moved && !model.reducedMotion) {
          const from = envelopeOrigin(L, envelope, before === 'held');
          card.setPosition(from.x, from.y);
          this.tweens.add({ targets: card, x: slot.x, y: slot.y, duration: TRAVEL_MS, ease: 'Sine.easeInOut' });
        } else {
          card.setPosition(slot.x, slot.y);
        }
      }
    }
    for (const envelope of model.envelopes) this.#lastStatus.set(envelope.id, envelope.status);
  }

  /** Earlier envelopes in a full tray: a pile with their count (each is listed beside the board). */
  #stack(at: Point, count: number): void {
    const { width: w, height: hgt } = ENVELOPE;
    const g = this.add.graphics();
    for (const offset of [6, 3, 0]) {
      g.fillStyle(0xffffff, 1).fillRect(at.x - w / 2 + offset, at.y - hgt / 2 - offset, w, hgt);
      g.lineStyle(2, colour(PALETTE.wire), 1).strokeRect(at.x - w / 2 + offset, at.y - hgt / 2 - offset, w, hgt);
    }
    this.#layer!.add(g);
    this.#layer!.add(this.#text(at.x, at.y, `+${count}`, BOARD_INK.text, { bold: true, ground: BOARD_GROUND.card }));
    this.#layer!.add(this.#text(at.x, at.y + hgt / 2 + 12, 'earlier', BOARD_INK.text, {}));
  }

  /** An envelope: open (flap up) or sealed (flap shut and a padlock), its number inside and its name under it. */
  #envelope(envelope: EnvelopeView, selected: boolean): Phaser.GameObjects.Container {
    const { width: w, height: hgt, flap } = ENVELOPE;
    const sealed = envelope.records.some((r) => r.lock);
    const card = this.add.container(0, 0);
    const g = this.add.graphics();
    g.fillStyle(0xffffff, 1).fillRect(-w / 2, -hgt / 2, w, hgt);
    g.lineStyle(selected ? 4 : 2, selected ? colour(PALETTE.orange) : colour(ROLE_COLOUR[envelope.from]), 1);
    g.strokeRect(-w / 2, -hgt / 2, w, hgt);
    if (sealed) {
      g.lineBetween(-w / 2, -hgt / 2, 0, 2).lineBetween(w / 2, -hgt / 2, 0, 2);
    } else {
      // Open: the flap folded back, readable by anyone on the way.
      g.fillStyle(0xffffff, 1).fillTriangle(-w / 2, -hgt / 2, w / 2, -hgt / 2, 0, -hgt / 2 - flap);
      g.strokeTriangle(-w / 2, -hgt / 2, w / 2, -hgt / 2, 0, -hgt / 2 - flap);
    }
    card.add(g);
    if (sealed) card.add(this.add.image(w / 2 - 6, hgt / 2 - 6, textureKey.padlock).setDisplaySize(18, 18));
    card.add(this.#text(-5, 3, `#${envelope.id}`, BOARD_INK.text, { bold: true, ground: BOARD_GROUND.card }));
    card.add(
      this.#fitted(
        0,
        hgt / 2 + 4,
        [shortName(envelope.label), spacedWords(shortName(envelope.label)), firstWords(envelope.label)],
        this.#layout.pitch - 6,
        { ground: BOARD_GROUND.paper },
      ),
    );
    if (envelope.interference)
      card.add(this.#text(-w / 2 + 6, -hgt / 2 + 8, '!', BOARD_INK.alert, { bold: true, ground: BOARD_GROUND.card }));
    card.setSize(w, hgt + 16);
    card.setInteractive({
      hitArea: new Phaser.Geom.Rectangle(-w / 2, -hgt / 2 - flap, w, hgt + flap + 36),
      hitAreaCallback: Phaser.Geom.Rectangle.Contains,
      useHandCursor: true,
    });
    card.on('pointerup', () => this.report.inspect({ kind: 'envelope', id: envelope.id }));
    card.setName(`envelope-${envelope.id}`);
    this.#layer!.add(card);
    return card;
  }

  #drawPocket(model: BoardModel): void {
    const L = this.#layout;
    const withTargets = targetCount(L) > 0 && model.dropTargets.length > 0;
    const title = model.pocket.length
      ? withTargets
        ? 'Your pocket — drag a key or certificate onto a slot'
        : 'Your pocket'
      : 'Your pocket is empty';
    this.#layer!.add(
      this.#text(12, L.pocketBand.y + 12, title, BOARD_INK.text, { bold: true, originX: 0, ground: BOARD_GROUND.band }),
    );
    model.pocket.forEach((item, i) => {
      this.#pocketItem(item, pocketSlot(L, i, model.pocket.length, withTargets), model, withTargets);
    });
  }

  #pocketItem(item: ItemView, at: Point, model: BoardModel, withTargets: boolean): void {
    const L = this.#layout;
    const step = Math.min(
      L.pocket.step,
      (withTargets ? L.pocket.withTargetsWidth : L.pocket.width) / model.pocket.length,
    );
    const selected = model.selected?.kind === 'item' && model.selected.id === item.id;
    const card = this.add.container(at.x, at.y);
    card.add(this.add.image(0, -6, textureKey.item(itemShape(item.kind))).setDisplaySize(34, 34));
    if (selected) card.add(this.add.graphics().lineStyle(3, colour(PALETTE.orange), 1).strokeRect(-24, -26, 48, 42));
    const kind = item.kind.replaceAll('-', ' ');
    card.add(
      this.#fitted(0, 14, [shortName(item.label), kind.charAt(0).toUpperCase() + kind.slice(1)], step - 6, {
        ground: BOARD_GROUND.band,
      }),
    );
    card.setSize(step, 64);
    card.setInteractive({
      hitArea: new Phaser.Geom.Rectangle(-step / 2, -26, step, 70),
      hitAreaCallback: Phaser.Geom.Rectangle.Contains,
      useHandCursor: true,
      draggable: withTargets && model.dropTargets.some((t) => t.accepts.includes(item.id)),
    });
    card.setName(`item-${item.id}`);
    let dragged = false;
    card.on('dragstart', () => {
      dragged = true;
      this.#dragging = true;
      this.#layer!.bringToTop(card);
    });
    card.on('drag', (_p: Phaser.Input.Pointer, x: number, y: number) => card.setPosition(x, y));
    card.on('drop', (_p: Phaser.Input.Pointer, zone: Phaser.GameObjects.Zone) => {
      this.report.drop(String(zone.getData('targetId')), item.id);
    });
    card.on('dragend', () => {
      this.#dragging = false;
      card.setPosition(at.x, at.y);
      if (this.#pending) this.show(this.#pending);
    });
    card.on('pointerup', () => {
      if (!dragged) this.report.inspect({ kind: 'item', id: item.id });
      dragged = false;
    });
    this.#layer!.add(card);
  }

  /** Slots for the choices that take an item: dashed boxes naming what goes in, showing what is in. */
  #drawTargets(targets: DropTarget[], pocket: ItemView[]): void {
    const L = this.#layout;
    const { width, height } = TARGET;
    targets.slice(0, targetCount(L)).forEach((target, i) => {
      const { x, y } = targetSlot(L, i);
      const g = this.add.graphics();
      g.fillStyle(0xffffff, 1).fillRect(x - width / 2, y - height / 2, width, height);
      g.lineStyle(2, colour(PALETTE.blue), 1);
      dashedRect(g, x - width / 2, y - height / 2, width, height);
      this.#layer!.add(g);
      this.#layer!.add(
        this.#text(x, y - height / 2 + 4, target.label, BOARD_INK.target, {
          bold: true,
          originY: 0,
          wrap: width - 8,
          ground: BOARD_GROUND.card,
        }),
      );
      const chosen = target.chosen.map((id) => shortName(pocket.find((i) => i.id === id)?.label ?? id));
      const words = chosen.length === 0 ? 'drop here' : chosen.length === 1 ? chosen[0]! : `${chosen.length} chosen`;
      this.#layer!.add(
        this.#text(x, y + height / 2 - 4, words, BOARD_INK.text, {
          originY: 1,
          wrap: width - 8,
          ground: BOARD_GROUND.card,
        }),
      );
      const zone = this.add.zone(x, y, width, height).setRectangleDropZone(width, height);
      zone.setData('targetId', target.id);
      zone.setName(`target-${target.id}`);
      this.#layer!.add(zone);
    });
  }

  /**
   * A name under a thing, in at most two lines of `width`: the first of `candidates` that fits (the full name
   * is always in the list beside the board and in the inspector), never cut short with an ellipsis.
   */
  #fitted(x: number, y: number, candidates: string[], width: number, options: { ground: string }) {
    let text: Phaser.GameObjects.Text | null = null;
    for (const candidate of candidates) {
      if (text) {
        text.destroy();
        this.#labels.pop();
      }
      text = this.#text(x, y, candidate, BOARD_INK.text, { originY: 0, wrap: width, ground: options.ground });
      const lines = text.getWrappedText();
      // Whole words only: a word the wrap had to break reads as two.
      const whole = lines.join(' ').replace(/\s+/g, ' ').trim() === candidate.replace(/\s+/g, ' ').trim();
      if (lines.length <= 2 && whole) break;
    }
    return text!;
  }

  /** A text, recorded for the page's checks; never smaller than MIN_LABEL_PX on the stage. */
  #text(
    x: number,
    y: number,
    text: string,
    fill: string,
    options: { bold?: boolean; size?: number; originX?: number; originY?: number; wrap?: number; ground?: string },
  ): Phaser.GameObjects.Text {
    const fontPx = Math.max(MIN_LABEL_PX, options.size ?? MIN_LABEL_PX);
    const ground = options.ground ?? BOARD_GROUND.paper;
    const object = this.add
      .text(x, y, text, {
        fontFamily: FONT,
        fontSize: `${fontPx}px`,
        color: fill,
        fontStyle: options.bold ? 'bold' : 'normal',
        align: 'center',
        // Painted on its own ground, so a line or an envelope behind never lowers its contrast.
        backgroundColor: ground,
        wordWrap: options.wrap ? { width: options.wrap, useAdvancedWrap: true } : undefined,
      })
      .setOrigin(options.originX ?? 0.5, options.originY ?? 0.5)
      .setResolution(2);
    this.#labels.push({ object, colour: fill, ground, fontPx });
    return object;
  }
}

/** The first name on an envelope or item ("ClientHello", "Certificate request"), short enough to sit under it. */
function shortName(label: string): string {
  return label.split(/[,(:+]| for | at /)[0]!.trim();
}

/** A message name in words ("EncryptedExtensions" → "Encrypted Extensions"), so it can wrap between them. */
function spacedWords(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2');
}

/** The first two words of a name, for when its short name still does not fit. */
function firstWords(label: string): string {
  return spacedWords(shortName(label)).split(' ').slice(0, 2).join(' ');
}

function dashed(g: Phaser.GameObjects.Graphics, a: Point, b: Point, dash: number, gap: number): void {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  const ux = (b.x - a.x) / length;
  const uy = (b.y - a.y) / length;
  for (let d = 0; d < length; d += dash + gap) {
    const e = Math.min(d + dash, length);
    g.lineBetween(a.x + ux * d, a.y + uy * d, a.x + ux * e, a.y + uy * e);
  }
}

function dashedRect(g: Phaser.GameObjects.Graphics, x: number, y: number, w: number, hgt: number): void {
  dashed(g, { x, y }, { x: x + w, y }, 6, 4);
  dashed(g, { x: x + w, y }, { x: x + w, y: y + hgt }, 6, 4);
  dashed(g, { x: x + w, y: y + hgt }, { x, y: y + hgt }, 6, 4);
  dashed(g, { x, y: y + hgt }, { x, y }, 6, 4);
}
