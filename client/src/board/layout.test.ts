import { ROLES } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import type { EnvelopeView } from '../table/viewTypes.ts';
import { ENVELOPE, LAYOUTS, layoutFor, type TrayId, trayContents, traySlot } from './layout.ts';

const TRAYS: TrayId[] = ['held', 'dropped', ...ROLES.map((r) => `to-${r}` as const)];

/** An envelope's footprint: its flap above, two lines of its name below, as wide as a slot. */
function footprint(layout: (typeof LAYOUTS)[keyof typeof LAYOUTS], at: { x: number; y: number }) {
  const half = Math.max(ENVELOPE.width, layout.pitch - 6) / 2;
  return { left: at.x - half, right: at.x + half, top: at.y - ENVELOPE.height / 2 - ENVELOPE.flap, bottom: at.y + 48 };
}

const overlap = (a: ReturnType<typeof footprint>, b: ReturnType<typeof footprint>) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const envelope = (id: number, to: EnvelopeView['to'], status: EnvelopeView['status']) =>
  ({ id, to, status, from: 'client', channel: 'wire', label: 'x', records: [] }) as unknown as EnvelopeView;

describe('the board layouts', () => {
  for (const layout of Object.values(LAYOUTS)) {
    it(`${layout.name}: no two envelope slots overlap, and every slot is on the stage above the pocket`, () => {
      const slots = TRAYS.flatMap((tray) =>
        Array.from({ length: layout.trays[tray].capacity }, (_, i) => ({ tray, i, at: traySlot(layout, tray, i) })),
      );
      for (const [n, a] of slots.entries()) {
        const box = footprint(layout, a.at);
        expect(box.left, `${a.tray} ${a.i}`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${a.tray} ${a.i}`).toBeLessThanOrEqual(layout.stage.width);
        expect(box.bottom, `${a.tray} ${a.i}`).toBeLessThanOrEqual(layout.pocketBand.y);
        for (const b of slots.slice(n + 1))
          expect(overlap(box, footprint(layout, b.at)), `${a.tray} ${a.i} / ${b.tray} ${b.i}`).toBe(false);
      }
    });
  }

  it('a full tray shows its newest envelopes and stacks the earlier ones behind a count', () => {
    const many = Array.from({ length: 7 }, (_, i) => envelope(i + 1, 'server', 'delivered'));
    const tray = trayContents(LAYOUTS.wide, many).get('to-server')!;
    expect(tray.shown.map((s) => s.envelope.id)).toEqual([6, 7]);
    expect(tray.stacked).toBe(5);
    expect(tray.stackSlot).toEqual(traySlot(LAYOUTS.wide, 'to-server', 0));
    const few = trayContents(LAYOUTS.wide, many.slice(0, 3)).get('to-server')!;
    expect([few.shown.length, few.stacked, few.stackSlot]).toEqual([3, 0, null]);
  });

  it('uses the wide board only where its smallest text shows at 12 px', () => {
    expect(layoutFor(936, 507).name).toBe('wide');
    expect(layoutFor(660, 507).name).toBe('compact');
    expect(layoutFor(370, 557).name).toBe('compact');
  });
});
