import { describe, expect, it } from 'vitest';
import { bytesToHex, toBase64 } from '../bytes/bytes.ts';
import { botMove } from './bots.ts';
import { applyMove } from './engine.ts';
import { initialState } from './initial.ts';
import { bytePlaces, leakForms, leaksIn, type Secret, secretSearch, viewText } from './secretsTestkit.ts';
import type { TableState } from './state.ts';
import { ROLES } from './types.ts';

/** Every state of a bot round in happy-path TLS 1.3, up to (not including) the debrief. */
function roundBeforeDebrief(): TableState[] {
  let state = initialState({ scenarioId: 'happy-path', mode: 'tls13', seed: new Uint8Array(32).fill(5) });
  const states = [state];
  while (state.phase !== 'debrief') {
    const role = ROLES.find((r) => state.awaiting.includes(r))!;
    const result = applyMove(state, role, botMove(state, role));
    if (!result.ok) throw new Error(result.error.message);
    state = result.value;
    if (state.phase !== 'debrief') states.push(state);
  }
  return states;
}

const states = roundBeforeDebrief();
const last = states.at(-1)!;
const hexes = (secrets: Secret[]) => secrets.map((s) => s.hex);
const client13 = last.endpoints['client:main']!.live as { connection: { write: { key: Uint8Array; iv: Uint8Array } } };

describe('secretSearch: every byte string of the state, by who may know it', () => {
  it('finds endpoint traffic keys and IVs, the CA key and the seed, secret from the other roles and spectators', () => {
    const caKey = (last.ca.keyPair as { privateKey: Uint8Array }).privateKey;
    for (const viewer of ['eavesdropper', 'ca', 'spectator'] as const) {
      const { secrets, unclassified } = secretSearch(states, viewer);
      expect(unclassified).toEqual([]);
      expect(hexes(secrets)).toEqual(
        expect.arrayContaining(
          [client13.connection.write.key, client13.connection.write.iv, last.seed].map(bytesToHex),
        ),
      );
      if (viewer !== 'ca') expect(hexes(secrets)).toContain(bytesToHex(caKey));
    }
  });

  it("keeps a party's own pocket and endpoint slots out of what it must not receive", () => {
    const { secrets, held } = secretSearch(states, 'client');
    const own = [client13.connection.write.key, last.pockets.client.find((i) => i.id === 'login-secret')!.bytes];
    for (const bytes of own.map(bytesToHex)) {
      expect(hexes(secrets)).not.toContain(bytes);
      expect(hexes(held)).toContain(bytes);
    }
  });

  it('treats bytes inside public ones as public (the ClientHello an endpoint keeps, inside its record)', () => {
    const kept = states
      .flatMap((state) => bytePlaces(state).placed)
      .filter((p) => p.place.startsWith('endpoints.') && p.place.endsWith('.clientHello'));
    expect(kept.length).toBeGreaterThan(0);
    for (const viewer of [...ROLES, 'spectator'] as const) {
      const secrets = hexes(secretSearch(states, viewer).secrets);
      for (const { hex } of kept) expect(secrets).not.toContain(hex);
    }
  });

  it('reports byte fields at places no rule classifies, by place, instead of guessing', () => {
    const changed = structuredClone(last) as TableState & Record<string, unknown>;
    changed.keyLog = [{ label: 'CLIENT_TRAFFIC_SECRET_0', secret: new Uint8Array(32).fill(1) }];
    (changed.pockets.client[0] as unknown as Record<string, unknown>).der = new Uint8Array(20);
    (changed.envelopes[0] as unknown as Record<string, unknown>).plaintextHex = 'ab'.repeat(16);
    changed.history.push({ role: 'client', move: { stray: new Uint16Array(16) } as never, version: 0 });
    expect(bytePlaces(changed).unclassified).toEqual([
      'envelopes.*.plaintextHex',
      'history.*.move.stray (Uint16Array)',
      'keyLog.*.secret',
      'pockets.client.*.der',
    ]);
    expect(secretSearch([changed], 'spectator').unclassified).toHaveLength(4);
  });

  it('skips the debrief, which reveals every pocket and the seed by design', () => {
    const debrief = { ...last, phase: 'debrief' } as TableState;
    expect(secretSearch([debrief], 'spectator').secrets).toEqual([]);
  });
});

describe('leaksIn: a secret in any form it could travel in', () => {
  const secret: Secret = { places: ['seed'], hex: bytesToHex(last.seed), bytes: last.seed };

  it('finds hex in either case, raw bytes, and base64 / base64url at every alignment inside longer text', () => {
    const found = (text: string) => leaksIn(text, [secret]);
    expect(found(`{"x":"00${secret.hex}00"}`)).toEqual([`seed: ${secret.hex}`]);
    expect(found(`{"x":"${secret.hex.toUpperCase()}"}`)).toHaveLength(1);
    expect(found(String.fromCharCode(7, ...secret.bytes, 7))).toHaveLength(1);
    for (let lead = 0; lead < 3; lead++) {
      const padded = new Uint8Array([...new Uint8Array(lead).fill(0xfb), ...secret.bytes, 0xff]);
      const base64 = toBase64(padded);
      expect(found(base64)).toHaveLength(1);
      expect(found(base64.replaceAll('+', '-').replaceAll('/', '_'))).toHaveLength(1);
    }
    expect(found(`{"x":"${secret.hex.slice(2)}"}`)).toEqual([]);
    expect(leakForms(secret.bytes)).toHaveLength(9);
  });

  it('viewText writes stray bytes as hex, so a Uint8Array put into a view is found too', () => {
    expect(leaksIn(viewText({ pocket: [{ bytes: last.seed }] }), [secret])).toHaveLength(1);
  });
});
