/**
 * Where things sit on the board (a 960×540 stage, scaled to fit): the stations, the wire, and a slot for each
 * envelope from where it is in its journey. Pure geometry, no Phaser.
 * @module
 */
import type { Role } from '@handshake/shared';
import type { EnvelopeView } from '../table/viewTypes.ts';

export const STAGE = { width: 960, height: 540 } as const;
export interface Point {
  x: number;
  y: number;
}

export const STATIONS: Record<Role, Point> = {
  ca: { x: 480, y: 70 },
  client: { x: 100, y: 250 },
  server: { x: 865, y: 250 },
  eavesdropper: { x: 480, y: 370 },
};

export const WIRE = { from: { x: 150, y: 250 }, to: { x: 810, y: 250 }, tap: { x: 480, y: 250 } } as const;
export const POCKET_BAND = { y: 452, height: 88 } as const;
export const ENVELOPE = { width: 50, height: 34 } as const;

/** The centre of the i-th of `count` items in the pocket band (narrower when drop slots share the band). */
export function pocketSlot(i: number, count: number, withTargets: boolean): Point {
  const width = withTargets ? 560 : 930;
  const step = Math.min(86, width / Math.max(1, count));
  return { x: 48 + i * step, y: POCKET_BAND.y + 46 };
}

export const TARGET = { width: 110, height: 70 } as const;

/** The centre of the i-th drop slot, filled from the right edge of the pocket band. */
export function targetSlot(i: number): Point {
  return { x: STAGE.width - 70 - i * (TARGET.width + 12), y: POCKET_BAND.y + 44 };
}

/** Where an envelope rests: in the recipient's tray, held at the eavesdropper's tap, or in the drop bin. */
export function envelopeSlot(envelope: EnvelopeView, index: number): Point {
  const gap = ENVELOPE.width + 14;
  const row = (n: number) => Math.floor(n / 5);
  const col = (n: number) => n % 5;
  if (envelope.status === 'held') return { x: WIRE.tap.x + 70 + col(index) * gap, y: WIRE.tap.y + 45 };
  if (envelope.status === 'dropped')
    return { x: STATIONS.eavesdropper.x - 90 - col(index) * gap, y: STATIONS.eavesdropper.y + 20 };
  if (envelope.channel === 'ca-desk') {
    if (envelope.to === 'ca')
      return { x: STATIONS.ca.x - 90 - col(index) * gap, y: STATIONS.ca.y - 10 + row(index) * 42 };
    const base = envelope.to === 'server' ? { x: 870, y: 400 } : { x: STATIONS.eavesdropper.x + 190, y: 400 };
    return { x: base.x - col(index) * gap, y: base.y + row(index) * 42 };
  }
  if (envelope.to === 'client') return { x: 175 + col(index) * gap, y: 200 - row(index) * 42 };
  return { x: 785 - col(index) * gap, y: 200 - row(index) * 42 };
}

/** Where an envelope starts its journey: its sender's station, or the tap if the eavesdropper let it through. */
export function envelopeOrigin(envelope: EnvelopeView, wasHeld: boolean): Point {
  if (wasHeld) return { x: WIRE.tap.x, y: WIRE.tap.y + 45 };
  return STATIONS[envelope.from];
}

/** Groups envelopes by resting place so each gets its own index in that tray. */
export function slotIndexes(envelopes: EnvelopeView[]): Map<number, number> {
  const counts = new Map<string, number>();
  const out = new Map<number, number>();
  for (const e of envelopes) {
    const tray = e.status === 'delivered' ? `${e.channel}:${e.to}` : e.status;
    const n = counts.get(tray) ?? 0;
    counts.set(tray, n + 1);
    out.set(e.id, n);
  }
  return out;
}
