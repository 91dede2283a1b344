import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '../bytes/bytes.ts';
import { seededRng } from '../rng/rng.ts';
import { applyMove, botMove, initialState, ROLES, SCENARIOS, type TableView, viewFor } from '../rules/index.ts';
import { applyViewPatch, diffView, ReceivedView, ViewPatchMismatch, viewPatch } from './viewPatch.ts';

const versioned = (body: unknown, version: number) => ({ version, body });

describe('diffView / applyViewPatch', () => {
  it('any JSON value becomes any other: apply(before, diff(before, after)) equals after', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const before = versioned(a, 1);
        const after = versioned(b, 2);
        expect(applyViewPatch(before, viewPatch(before, after))).toEqual(after);
      }),
      { numRuns: 500 },
    );
  });

  it('treats keys that plain objects inherit (toString, constructor, __proto__) as any other key', () => {
    for (const [a, b] of [
      [{ toString: [] }, {}],
      [{}, { constructor: 1 }],
      [{ valueOf: { x: 1 } }, { valueOf: { x: 2 } }],
      [{}, JSON.parse('{"__proto__":null}')],
      [JSON.parse('{"__proto__":{"a":1}}'), JSON.parse('{"__proto__":{"a":2}}')],
    ]) {
      const before = versioned(a, 1);
      const after = versioned(b, 2);
      expect(applyViewPatch(before, viewPatch(before, after))).toEqual(after);
    }
  });

  it('leaves the view it patches unchanged and shares its unchanged branches', () => {
    const before = { version: 1, log: [{ text: 'a' }], pocket: [{ id: 'k', hex: '00' }], scores: { client: 1 } };
    const after = {
      version: 2,
      log: [{ text: 'a' }, { text: 'b' }],
      pocket: [{ id: 'k', hex: '00' }],
      scores: { client: 3 },
    };
    const copy = structuredClone(before);
    const patched = applyViewPatch(before, viewPatch(before, after));
    expect(patched).toEqual(after);
    expect(before).toEqual(copy);
    expect(patched.pocket).toBe(before.pocket);
  });

  it('says what changed and nothing else: a new log line is one append', () => {
    const before = { version: 4, log: [{ text: 'a' }], phase: 'hello' };
    const after = { version: 5, log: [{ text: 'a' }, { text: 'b' }], phase: 'hello' };
    expect(diffView(before, after)).toEqual([
      { op: 'set', path: ['version'], value: 5 },
      { op: 'append', path: ['log'], values: [{ text: 'b' }] },
    ]);
  });

  it('a patch for another version is refused (the client then asks for its whole view)', () => {
    const patch = viewPatch({ version: 3, a: 1 }, { version: 4, a: 2 });
    expect(() => applyViewPatch({ version: 2, a: 1 }, patch)).toThrow(ViewPatchMismatch);
  });

  it('a patch that does not fit the value is refused, never half-applied into a wrong shape', () => {
    const patch = viewPatch({ version: 1, a: [1] }, { version: 2, a: [1, 2] });
    expect(() => applyViewPatch({ version: 1, a: 'text' }, patch)).toThrow(ViewPatchMismatch);
  });
});

describe('patches over whole rounds', () => {
  it.each(SCENARIOS.map((s) => ({ id: s.id, mode: s.modes[0]! })))(
    '$id ($mode): every viewer’s patches rebuild every view, in fewer than half the views’ bytes',
    ({ id, mode }) => {
      let state = initialState({ scenarioId: id, mode, seed: seededRng(utf8ToBytes('view patches'), id).bytes(32) });
      const viewers = [...ROLES, 'spectator'] as const;
      const held = new Map<string, TableView>(viewers.map((v) => [v, viewFor(state, v)]));
      let fullBytes = 0;
      let patchBytes = 0;
      while (state.phase !== 'debrief') {
        const role = ROLES.find((r) => state.awaiting.includes(r))!;
        const result = applyMove(state, role, botMove(state, role)!);
        if (!result.ok) throw new Error(result.error.code);
        state = result.value;
        for (const viewer of viewers) {
          const view = viewFor(state, viewer);
          const patch = viewPatch(held.get(viewer)!, view);
          const rebuilt = applyViewPatch(held.get(viewer)!, patch);
          expect(rebuilt).toEqual(view);
          held.set(viewer, rebuilt);
          if (state.phase !== 'debrief') {
            fullBytes += JSON.stringify(view).length;
            patchBytes += JSON.stringify(patch).length;
          }
        }
      }
      expect(patchBytes).toBeLessThan(fullBytes / 2);
    },
  );
});

describe('ReceivedView', () => {
  it('follows whole views and patches; a gap asks for the whole view once and waits for it', () => {
    let requests = 0;
    const received = new ReceivedView<{ version: number; n: number }>(() => requests++);
    expect(received.patch(viewPatch({ version: 0, n: 0 }, { version: 1, n: 1 }))).toBeNull(); // nothing held yet
    expect(requests).toBe(1);
    received.whole({ version: 1, n: 1 });
    expect(received.patch(viewPatch({ version: 1, n: 1 }, { version: 2, n: 2 }))).toEqual({ version: 2, n: 2 });
    expect(received.patch(viewPatch({ version: 5, n: 5 }, { version: 6, n: 6 }))).toBeNull(); // version 3–5 missed
    expect(received.patch(viewPatch({ version: 6, n: 6 }, { version: 7, n: 7 }))).toBeNull(); // still waiting
    expect(requests).toBe(2);
    received.whole({ version: 7, n: 7 });
    expect(received.current).toEqual({ version: 7, n: 7 });
    expect(requests).toBe(2);
  });
});
