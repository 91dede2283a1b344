/**
 * The Phaser scene: draws the four stations, the wire, the envelopes on their way and the player's pocket,
 * exactly as the BoardModel says. It decides nothing about the rules; clicks and drops are reported back.
 * @module
 */
import Phaser from 'phaser';
import type { DropTarget } from '../actions/ctrl.ts';
import { itemShape } from '../art/icons.ts';
import { PALETTE, ROLE_COLOUR, ROLE_TITLE } from '../art/palette.ts';
import { refKey } from '../inspector/ctrl.ts';
import type { EnvelopeView, ItemView } from '../table/viewTypes.ts';
import {
  ENVELOPE,
  envelopeOrigin,
  envelopeSlot,
  POCKET_BAND,
  type Point,
  pocketSlot,
  STAGE,
  STATIONS,
  slotIndexes,
  TARGET,
  targetSlot,
  WIRE,
} from './layout.ts';
import type { BoardEvents, BoardModel } from './model.ts';
import { loadTextures, textureKey } from './textures.ts';

const colour = (css: string) => Number.parseInt(css.slice(1), 16);
const FONT = 'system-ui, "Segoe UI", Roboto, sans-serif';
const TRAVEL_MS = 650;

export class NetworkScene extends Phaser.Scene {
  #model: BoardModel | null = null;
  #pending: BoardModel | null = null;
  #ready = false;
  #dragging = false;
  /** Each envelope's status when last drawn, to animate only what moved. */
  #lastStatus = new Map<number, EnvelopeView['status']>();
  #layer: Phaser.GameObjects.Container | null = null;

  constructor(private readonly report: BoardEvents) {
    super({ key: 'network' });
  }

  async create(): Promise<void> {
    await loadTextures(this.textures);
    this.input.dragDistanceThreshold = 8;
    this.#drawBackdrop();
    this.#ready = true;
    if (this.#pending) this.show(this.#pending);
  }

  /** Still setting up, being dragged on, or animating: the game loop must keep running. */
  get busy(): boolean {
    return !this.#ready || this.#dragging || this.tweens.getTweens().length > 0;
  }

  /** Draws a new model (deferred while the player drags an item, so a countdown tick never drops it). */
  show(model: BoardModel): void {
    this.#pending = model;
    if (!this.#ready || this.#dragging) return;
    this.#pending = null;
    const previous = this.#model;
    this.#model = model;
    this.#layer?.destroy();
    this.#layer = this.add.container(0, 0);
    this.#drawStations(model);
    this.#drawEnvelopes(model, previous === null);
    this.#drawPocket(model);
    this.#drawTargets(model.dropTargets, model.pocket);
  }

  #drawBackdrop(): void {
    const g = this.add.graphics();
    g.fillStyle(colour(PALETTE.paper), 1).fillRect(0, 0, STAGE.width, STAGE.height);
    // The wire: a thick cable with a tap where the eavesdropper listens.
    g.lineStyle(8, colour(PALETTE.wire), 1).lineBetween(WIRE.from.x, WIRE.from.y, WIRE.to.x, WIRE.to.y);
    g.lineStyle(3, colour(ROLE_COLOUR.eavesdropper), 1);
    dashed(g, WIRE.tap, { x: STATIONS.eavesdropper.x, y: STATIONS.eavesdropper.y - 40 }, 8, 6);
    // The CA's desk: a dashed line to the server (and to anyone else who asks).
    g.lineStyle(3, colour(ROLE_COLOUR.ca), 1);
    dashed(
      g,
      { x: STATIONS.ca.x + 40, y: STATIONS.ca.y + 10 },
      { x: STATIONS.server.x - 20, y: STATIONS.server.y - 45 },
      10,
      6,
    );
    this.add
      .text(WIRE.tap.x - 14, WIRE.tap.y + 12, 'the internet (anyone can listen)', {
        fontFamily: FONT,
        fontSize: '13px',
        color: PALETTE.wire,
      })
      .setOrigin(1, 0);
    this.add.text(660, 130, 'CA desk', { fontFamily: FONT, fontSize: '13px', color: '#7a3b63' }).setAngle(25);
    g.fillStyle(0xe9e6dc, 1).fillRect(0, POCKET_BAND.y, STAGE.width, POCKET_BAND.height);
    g.lineStyle(2, 0xc9c4b5, 1).lineBetween(0, POCKET_BAND.y, STAGE.width, POCKET_BAND.y);
  }

  #drawStations(model: BoardModel): void {
    for (const seat of model.seats) {
      const at = STATIONS[seat.role];
      const moving = model.awaiting.includes(seat.role);
      const title = ROLE_TITLE[seat.role];
      if (moving) {
        // A ring and a word, not only a colour: this station is expected to act.
        const ring = this.add.graphics();
        ring.lineStyle(4, colour(PALETTE.orange), 1).strokeCircle(at.x, at.y, 46);
        this.#layer!.add(ring);
        this.#layer!.add(this.#label(at.x, at.y - 62, '▶ to move', 12, '#8a5a00', true));
      }
      this.#layer!.add(this.add.image(at.x, at.y, textureKey.role(seat.role)).setDisplaySize(64, 64));
      const who = seat.nickname ? `${seat.nickname}${seat.you ? ' (you)' : ''}${seat.bot ? ' · bot' : ''}` : 'bot';
      const name = title.station;
      const below = seat.role === 'ca' ? { x: at.x + 110, y: at.y - 10 } : { x: at.x, y: at.y + 56 };
      this.#layer!.add(this.#label(below.x, below.y, name, 14, ROLE_COLOUR[seat.role], true));
      this.#layer!.add(this.#label(below.x, below.y + 17, who, 12, PALETTE.ink, false));
    }
  }

  #drawEnvelopes(model: BoardModel, first: boolean): void {
    const indexes = slotIndexes(model.envelopes);
    const selected = model.selected ? refKey(model.selected) : null;
    for (const envelope of model.envelopes) {
      const slot = envelopeSlot(envelope, indexes.get(envelope.id) ?? 0);
      const before = this.#lastStatus.get(envelope.id);
      const card = this.#envelope(envelope, selected === `envelope:${envelope.id}`);
      const moved = !first && before !== envelope.status && envelope.status !== 'dropped';
      if (moved && !model.reducedMotion) {
        const from = envelopeOrigin(envelope, before === 'held');
        card.setPosition(from.x, from.y);
        this.tweens.add({ targets: card, x: slot.x, y: slot.y, duration: TRAVEL_MS, ease: 'Sine.easeInOut' });
      } else {
        card.setPosition(slot.x, slot.y);
      }
      this.#lastStatus.set(envelope.id, envelope.status);
    }
  }

  /** An envelope: open (flap up, "open") or sealed (flap shut and a padlock naming its key). */
  #envelope(envelope: EnvelopeView, selected: boolean): Phaser.GameObjects.Container {
    const { width: w, height: hgt } = ENVELOPE;
    const sealed = envelope.records.some((r) => r.lock);
    const card = this.add.container(0, 0);
    const g = this.add.graphics();
    g.fillStyle(0xffffff, 1).fillRect(-w / 2, -hgt / 2, w, hgt);
    g.lineStyle(selected ? 4 : 2, selected ? colour(PALETTE.orange) : colour(ROLE_COLOUR[envelope.from]), 1);
    g.strokeRect(-w / 2, -hgt / 2, w, hgt);
    if (sealed) {
      g.lineBetween(-w / 2, -hgt / 2, 0, 2).lineBetween(w / 2, -hgt / 2, 0, 2);
    } else {
      // Open: the flap folded back and the letter sticking out, readable by anyone on the way.
      g.fillStyle(0xffffff, 1).fillTriangle(-w / 2, -hgt / 2, w / 2, -hgt / 2, 0, -hgt / 2 - 14);
      g.strokeTriangle(-w / 2, -hgt / 2, w / 2, -hgt / 2, 0, -hgt / 2 - 14);
      g.fillStyle(colour(PALETTE.paper), 1).fillRect(-w / 2 + 8, -hgt / 2 - 8, w - 16, 14);
      g.lineStyle(1, colour(PALETTE.ink), 1).strokeRect(-w / 2 + 8, -hgt / 2 - 8, w - 16, 14);
      g.lineBetween(-w / 2 + 12, -hgt / 2 - 3, w / 2 - 12, -hgt / 2 - 3);
    }
    card.add(g);
    if (sealed) card.add(this.add.image(w / 2 - 4, hgt / 2 - 6, textureKey.padlock).setDisplaySize(20, 20));
    card.add(this.#label(-4, 6, `#${envelope.id}`, 12, PALETTE.ink, true));
    card.add(this.#label(0, hgt / 2 + 8, shortName(envelope.label), 10, PALETTE.ink, false));
    // Which padlock: the keys it is sealed with, named under it.
    const locks = [...new Set(envelope.records.map((r) => r.lock).filter((l): l is string => l !== null))];
    if (locks.length) card.add(this.#label(0, hgt / 2 + 19, shorten(locks.join(' + '), 18), 9, '#8a4b00', true));
    if (envelope.interference) card.add(this.#label(-w / 2 + 5, -hgt / 2 + 6, '!', 14, PALETTE.vermillion, true));
    card.setSize(w, hgt + 16);
    card.setInteractive({
      hitArea: new Phaser.Geom.Rectangle(-w / 2, -hgt / 2 - 14, w, hgt + 30),
      hitAreaCallback: Phaser.Geom.Rectangle.Contains,
      useHandCursor: true,
    });
    card.on('pointerup', () => this.report.inspect({ kind: 'envelope', id: envelope.id }));
    card.setName(`envelope-${envelope.id}`);
    this.#layer!.add(card);
    return card;
  }

  #drawPocket(model: BoardModel): void {
    const top = POCKET_BAND.y;
    this.#layer!.add(
      this.#label(
        12,
        top + 10,
        model.pocket.length ? 'Your pocket — drag a key or certificate onto a slot' : 'Your pocket is empty',
        12,
        PALETTE.ink,
        true,
        0,
      ),
    );
    model.pocket.forEach((item, i) => {
      this.#pocketItem(item, pocketSlot(i, model.pocket.length, model.dropTargets.length > 0), model);
    });
  }

  #pocketItem(item: ItemView, at: Point, model: BoardModel): void {
    const selected = model.selected?.kind === 'item' && model.selected.id === item.id;
    const card = this.add.container(at.x, at.y);
    const icon = this.add.image(0, -6, textureKey.item(itemShape(item.kind))).setDisplaySize(40, 40);
    card.add(icon);
    if (selected) card.add(this.add.graphics().lineStyle(3, colour(PALETTE.orange), 1).strokeRect(-30, -30, 60, 60));
    card.add(this.#label(0, 24, shorten(item.label, 14), 10, PALETTE.ink, false));
    card.setSize(70, 64);
    card.setInteractive({
      hitArea: new Phaser.Geom.Rectangle(-35, -32, 70, 64),
      hitAreaCallback: Phaser.Geom.Rectangle.Contains,
      useHandCursor: true,
      draggable: model.dropTargets.some((t) => t.accepts.includes(item.id)),
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
    const { width, height } = TARGET;
    targets.slice(0, 3).forEach((target, i) => {
      const { x, y } = targetSlot(i);
      const g = this.add.graphics();
      g.lineStyle(2, colour(PALETTE.blue), 1);
      dashedRect(g, x - width / 2, y - height / 2, width, height);
      this.#layer!.add(g);
      this.#layer!.add(
        this.#label(x, y - 24, target.label, 10, PALETTE.blue, true)
          .setWordWrapWidth(width - 6)
          .setAlign('center'),
      );
      const names = target.chosen.length
        ? target.chosen.map((id) => shorten(pocket.find((i) => i.id === id)?.label ?? id, 18))
        : ['drop here'];
      for (const [n, name] of names.slice(0, 3).entries())
        this.#layer!.add(this.#label(x, y + 2 + n * 13, name, 10, PALETTE.ink, false));
      const zone = this.add.zone(x, y, width, height).setRectangleDropZone(width, height);
      zone.setData('targetId', target.id);
      zone.setName(`target-${target.id}`);
      this.#layer!.add(zone);
    });
  }

  #label(x: number, y: number, text: string, size: number, fill: string, bold: boolean, originX = 0.5) {
    return this.add
      .text(x, y, text, { fontFamily: FONT, fontSize: `${size}px`, color: fill, fontStyle: bold ? 'bold' : 'normal' })
      .setOrigin(originX, 0.5)
      .setResolution(2);
  }
}

/** The first name on an envelope ("ClientHello", "Certificate request…"), to fit under it. */
function shortName(label: string): string {
  return shorten(label.split(/[,(:]/)[0]!.trim(), 11);
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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
