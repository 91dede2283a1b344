/**
 * Where things sit on the board, for each shape of screen: the stations, the wire, and one tray per resting
 * place (each recipient's in-tray, the eavesdropper's hold, the drop bin) with room for a fixed number of
 * envelopes side by side, so envelopes never pile up on each other or on a label. Pure geometry, no Phaser.
 * @module
 */
import type { Role } from '@handshake/shared';
import type { EnvelopeView } from '../table/viewTypes.ts';

export interface Point {
  x: number;
  y: number;
}

export type TrayId = `to-${Role}` | 'held' | 'dropped';

/** A row of envelope slots: the first at `start`, the next `pitch` further in `direction`. */
export interface Tray {
  start: Point;
  direction: 1 | -1;
  capacity: number;
}

export interface BoardLayout {
  name: 'wide' | 'compact';
  stage: { width: number; height: number };
  stations: Record<Role, Point>;
  /** Where each station's name and player go (centre of the name line). */
  stationLabels: Record<Role, Point>;
  iconSize: number;
  /** Where "▶ to move" goes: above the station's icon, or under its name (where the icon sits near an edge). */
  toMove: 'above' | 'below';
  wire: { from: Point; to: Point; tap: Point };
  /** Where the eavesdropper's tap line ends above its station. */
  tapEnd: Point;
  /** The words under the wire, right-aligned at `at`. */
  wireLabel: { at: Point; text: string };
  /** The CA desk: a path from the CA office to the website. */
  desk: Point[];
  deskLabel: Point;
  trays: Record<TrayId, Tray>;
  /** Distance between slots; an envelope's label wraps to this width less a margin. */
  pitch: number;
  pocketBand: { y: number; height: number };
  /** Pocket item spacing and where the drop slots start (from the right). */
  pocket: { x: number; step: number; withTargetsWidth: number; width: number };
  /** The part of the stage shown as the compact strip (the wire and its trays). */
  strip: { y: number; height: number };
}

/** Every text on the board is at least this big on the stage; a layout is used only where that shows ≥ 12 px. */
export const MIN_LABEL_PX = 14;
export const ENVELOPE = { width: 50, height: 30, flap: 12 } as const;
export const TARGET = { width: 118, height: 76 } as const;

const WIDE: BoardLayout = {
  name: 'wide',
  stage: { width: 960, height: 540 },
  stations: {
    ca: { x: 480, y: 70 },
    client: { x: 100, y: 250 },
    server: { x: 865, y: 250 },
    eavesdropper: { x: 480, y: 360 },
  },
  stationLabels: {
    ca: { x: 600, y: 86 },
    client: { x: 100, y: 302 },
    server: { x: 865, y: 302 },
    eavesdropper: { x: 480, y: 412 },
  },
  iconSize: 64,
  toMove: 'above',
  wire: { from: { x: 150, y: 250 }, to: { x: 810, y: 250 }, tap: { x: 480, y: 250 } },
  tapEnd: { x: 480, y: 318 },
  wireLabel: { at: { x: 466, y: 270 }, text: 'the internet (anyone can listen)' },
  desk: [
    { x: 515, y: 52 },
    { x: 865, y: 52 },
    { x: 865, y: 212 },
  ],
  deskLabel: { x: 760, y: 38 },
  trays: {
    'to-ca': { start: { x: 380, y: 70 }, direction: -1, capacity: 3 },
    'to-client': { start: { x: 200, y: 172 }, direction: 1, capacity: 3 },
    'to-server': { start: { x: 760, y: 172 }, direction: -1, capacity: 3 },
    'to-eavesdropper': { start: { x: 590, y: 390 }, direction: 1, capacity: 2 },
    held: { start: { x: 580, y: 312 }, direction: 1, capacity: 3 },
    dropped: { start: { x: 385, y: 312 }, direction: -1, capacity: 3 },
  },
  pitch: 96,
  pocketBand: { y: 440, height: 100 },
  pocket: { x: 48, step: 92, withTargetsWidth: 540, width: 930 },
  strip: { y: 0, height: 540 },
};

const COMPACT: BoardLayout = {
  name: 'compact',
  stage: { width: 420, height: 680 },
  stations: {
    ca: { x: 210, y: 55 },
    client: { x: 40, y: 250 },
    server: { x: 380, y: 250 },
    eavesdropper: { x: 210, y: 455 },
  },
  stationLabels: {
    ca: { x: 320, y: 44 },
    client: { x: 44, y: 292 },
    server: { x: 376, y: 292 },
    eavesdropper: { x: 210, y: 502 },
  },
  iconSize: 52,
  toMove: 'below',
  wire: { from: { x: 70, y: 250 }, to: { x: 350, y: 250 }, tap: { x: 210, y: 250 } },
  tapEnd: { x: 210, y: 418 },
  wireLabel: { at: { x: 200, y: 268 }, text: 'anyone can listen' },
  desk: [
    { x: 238, y: 96 },
    { x: 380, y: 96 },
    { x: 380, y: 218 },
  ],
  deskLabel: { x: 320, y: 82 },
  trays: {
    'to-ca': { start: { x: 120, y: 55 }, direction: -1, capacity: 2 },
    'to-client': { start: { x: 60, y: 165 }, direction: 1, capacity: 2 },
    'to-server': { start: { x: 350, y: 165 }, direction: -1, capacity: 2 },
    'to-eavesdropper': { start: { x: 300, y: 455 }, direction: 1, capacity: 2 },
    held: { start: { x: 255, y: 372 }, direction: 1, capacity: 2 },
    dropped: { start: { x: 165, y: 372 }, direction: -1, capacity: 2 },
  },
  pitch: 80,
  pocketBand: { y: 560, height: 120 },
  pocket: { x: 44, step: 84, withTargetsWidth: 400, width: 400 },
  strip: { y: 118, height: 308 },
};

export const LAYOUTS = { wide: WIDE, compact: COMPACT } as const;

/**
 * The layout for a board `width` CSS pixels wide and at most `maxHeight` tall: the wide one where its
 * smallest text still shows at 12 px or more, otherwise the compact one.
 */
export function layoutFor(width: number, maxHeight: number): BoardLayout {
  const scale = Math.min(width / WIDE.stage.width, maxHeight / WIDE.stage.height);
  return scale * MIN_LABEL_PX >= 12 ? WIDE : COMPACT;
}

/** Which tray an envelope rests in: held at the tap, in the drop bin, or in its recipient's in-tray. */
export function trayOf(envelope: EnvelopeView): TrayId {
  if (envelope.status === 'held' || envelope.status === 'dropped') return envelope.status;
  return `to-${envelope.to}`;
}

/** The centre of slot `index` of a tray. */
export function traySlot(layout: BoardLayout, tray: TrayId, index: number): Point {
  const { start, direction } = layout.trays[tray];
  return { x: start.x + direction * index * layout.pitch, y: start.y };
}

/** What a tray shows: the newest envelopes that fit, and how many earlier ones are stacked behind a count. */
export interface TrayContents {
  shown: { envelope: EnvelopeView; slot: Point }[];
  /** Earlier envelopes not drawn (listed beside the board); drawn as "+N earlier" in `stackSlot`. */
  stacked: number;
  stackSlot: Point | null;
}

export function trayContents(layout: BoardLayout, envelopes: EnvelopeView[]): Map<TrayId, TrayContents> {
  const byTray = new Map<TrayId, EnvelopeView[]>();
  for (const e of envelopes) byTray.set(trayOf(e), [...(byTray.get(trayOf(e)) ?? []), e]);
  const out = new Map<TrayId, TrayContents>();
  for (const [tray, list] of byTray) {
    const { capacity } = layout.trays[tray];
    const overflow = list.length > capacity;
    // With a stack, the slot nearest the station holds the count and the newest fill the rest.
    const room = overflow ? capacity - 1 : capacity;
    const newest = list.slice(-room);
    out.set(tray, {
      shown: newest.map((envelope, i) => ({ envelope, slot: traySlot(layout, tray, overflow ? i + 1 : i) })),
      stacked: list.length - newest.length,
      stackSlot: overflow ? traySlot(layout, tray, 0) : null,
    });
  }
  return out;
}

/** Where an envelope starts its journey: its sender's station, or the tap if the eavesdropper let it through. */
export function envelopeOrigin(layout: BoardLayout, envelope: EnvelopeView, wasHeld: boolean): Point {
  if (wasHeld) return traySlot(layout, 'held', 0);
  return layout.stations[envelope.from];
}

/** The centre of the i-th of `count` items in the pocket band (narrower when drop slots share the band). */
export function pocketSlot(layout: BoardLayout, i: number, count: number, withTargets: boolean): Point {
  const width = withTargets ? layout.pocket.withTargetsWidth : layout.pocket.width;
  const step = Math.min(layout.pocket.step, width / Math.max(1, count));
  return { x: layout.pocket.x + i * step, y: layout.pocketBand.y + 44 };
}

/** How many drop slots fit beside the pocket: none on the compact board, where the panel's choices are the way. */
export function targetCount(layout: BoardLayout): number {
  return layout.name === 'wide' ? 3 : 0;
}

/** The centre of the i-th drop slot, filled from the right edge of the pocket band. */
export function targetSlot(layout: BoardLayout, i: number): Point {
  return {
    x: layout.stage.width - TARGET.width / 2 - 8 - i * (TARGET.width + 10),
    y: layout.pocketBand.y + layout.pocketBand.height / 2,
  };
}
