import { describe, expect, it } from 'vitest';
import { applyMove } from './engine.ts';
import { initialState } from './initial.ts';
import { legalMoves } from './legal.ts';
import { playWithBots, replayRound } from './play.ts';
import { SCENARIOS } from './scenarios.ts';
import { leaksIn, secretSearch, viewText } from './secretsTestkit.ts';
import type { TableState } from './state.ts';
import { ROLES, type Role } from './types.ts';
import { viewFor } from './view.ts';

const seed = new Uint8Array(32).fill(9);
const fresh = () => initialState({ scenarioId: 'happy-path', seed });

function expectRejected(state: TableState, role: Role, input: unknown, code: string) {
  const before = structuredClone(state);
  const result = applyMove(state, role, input);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
  }
  expect(state).toEqual(before);
}

describe('applyMove rejections: each code, and nothing changes', () => {
  it('MALFORMED_MOVE for junk, unknown types and extra fields', () => {
    const st = fresh();
    expectRejected(st, 'server', null, 'MALFORMED_MOVE');
    expectRejected(st, 'server', { version: 0, move: { type: 'hack' } }, 'MALFORMED_MOVE');
    expectRejected(
      st,
      'server',
      { version: 0, move: { type: 'requestCertificate', domain: 'bank.example', x: 1 } },
      'MALFORMED_MOVE',
    );
    expectRejected(
      st,
      'server',
      { version: 0, move: { type: 'requestCertificate', domain: '<script>' } },
      'MALFORMED_MOVE',
    );
  });
  it('NOT_YOUR_ROLE, STALE_VERSION, WRONG_PHASE, NOT_YOUR_TURN', () => {
    const st = fresh();
    expectRejected(
      st,
      'client',
      { version: 0, move: { type: 'issueCertificate', requestId: 'request-1' } },
      'NOT_YOUR_ROLE',
    );
    expectRejected(
      st,
      'server',
      { version: 5, move: { type: 'requestCertificate', domain: 'bank.example' } },
      'STALE_VERSION',
    );
    expectRejected(st, 'client', { version: 0, move: { type: 'connect', scheme: 'https' } }, 'WRONG_PHASE');
    const r = applyMove(st, 'server', { version: 0, move: { type: 'requestCertificate', domain: 'bank.example' } });
    expect(r.ok).toBe(true);
    if (r.ok)
      expectRejected(
        r.value,
        'server',
        { version: 1, move: { type: 'requestCertificate', domain: 'bank.example' } },
        'NOT_YOUR_TURN',
      );
  });
  it('ILLEGAL_CHOICE, UNKNOWN_REQUEST, ROUND_OVER', () => {
    const st = fresh();
    expectRejected(
      st,
      'server',
      { version: 0, move: { type: 'requestCertificate', domain: 'evil.example' } },
      'ILLEGAL_CHOICE',
    );
    let s = applyMove(st, 'server', { version: 0, move: { type: 'requestCertificate', domain: 'bank.example' } });
    if (!s.ok) throw new Error();
    s = applyMove(s.value, 'eavesdropper', { version: 1, move: { type: 'skipCertificate' } });
    if (!s.ok) throw new Error();
    expectRejected(
      s.value,
      'ca',
      { version: 2, move: { type: 'sendChallenge', requestId: 'request-9' } },
      'UNKNOWN_REQUEST',
    );
    expectRejected(
      s.value,
      'ca',
      { version: 2, move: { type: 'issueCertificate', requestId: 'request-1' } },
      'WRONG_PHASE',
    );
    const done = playWithBots({ scenarioId: 'happy-path', seed });
    expectRejected(done, 'client', { version: done.version, move: { type: 'connect', scheme: 'https' } }, 'ROUND_OVER');
  });
  it('WRONG_PIECES and WRONG_KEY teach instead of failing silently', () => {
    let st = fresh();
    while (st.phase !== 'client-keys') {
      const role = ROLES.find((r) => st.awaiting.includes(r))!;
      const lm = legalMoves(st, role);
      const ready = lm.find((m) => m.move)?.move;
      const move =
        st.phase === 'client-hello'
          ? { type: 'sendClientHello', cipherSuites: ['TLS_AES_128_GCM_SHA256'] }
          : st.phase === 'server-hello'
            ? { type: 'sendServerHello', cipherSuite: 'TLS_AES_128_GCM_SHA256', certificateId: 'server-certificate' }
            : st.phase === 'server-keys'
              ? { type: 'deriveSessionKeys', pieces: ['server-key-share', 'client-key-share-received'] }
              : st.phase === 'connect'
                ? { type: 'connect', scheme: 'https' }
                : st.phase === 'certificate-request'
                  ? role === 'server'
                    ? { type: 'requestCertificate', domain: 'bank.example' }
                    : { type: 'skipCertificate' }
                  : st.phase === 'certificate-decision'
                    ? { type: 'issueCertificate', requestId: 'request-1' }
                    : ready;
      const r = applyMove(st, role, { version: st.version, move });
      if (!r.ok) throw new Error(r.error.message);
      st = r.value;
    }
    expectRejected(
      st,
      'client',
      { version: st.version, move: { type: 'deriveSessionKeys', pieces: ['trusted-root', 'login-secret'] } },
      'WRONG_PIECES',
    );
  });
});

describe('viewFor keeps every secret with its owner', () => {
  const cases = SCENARIOS.flatMap((scenario) => scenario.modes.map((mode) => ({ id: scenario.id, mode })));
  it.each(cases)(
    '$id ($mode): no byte string a viewer may not know (raw, hex or base64) appears in its view, at any step',
    ({ id, mode }) => {
      // 1024-bit RSA in classic mode keeps key generation fast; the views are built the same way.
      const config = { scenarioId: id, mode, seed, rsaBits: 1024 };
      const careful = playWithBots(config);
      const careless = playWithBots(config, { client: 'careless' });
      // Where a careless client plays the same moves as a careful one, one round covers both.
      const sameMoves = JSON.stringify(careless.history) === JSON.stringify(careful.history);
      for (const final of sameMoves ? [careful] : [careful, careless]) {
        let st = initialState(config);
        const states: TableState[] = [st];
        for (const h of final.history) {
          const r = applyMove(st, h.role, { version: h.version, move: h.move });
          if (!r.ok) throw new Error(r.error.message);
          st = r.value;
          states.push(st);
        }
        for (const s of states.filter((x) => x.phase !== 'debrief')) {
          for (const viewer of [...ROLES, 'spectator'] as const) {
            // One view per viewer and step, searched for every byte string of the state the viewer may not know.
            const { secrets, unclassified } = secretSearch([s], viewer);
            expect(unclassified, 'byte fields PLACES in secretsTestkit.ts does not classify').toEqual([]);
            expect({ viewer, phase: s.phase, leaks: leaksIn(viewText(viewFor(s, viewer)), secrets) }).toEqual({
              viewer,
              phase: s.phase,
              leaks: [],
            });
          }
        }
        // The search covers the whole state, not only pockets: the CA's key, the seed, endpoints' traffic secrets.
        const places = secretSearch(states, 'spectator').secrets.flatMap((secret) => secret.places);
        const sections = new Set(places.map((place) => place.split('.')[0]));
        const connected = states.some((x) => Object.keys(x.endpoints).length > 0);
        expect(sections).toEqual(new Set(['seed', 'pockets', 'keyPairs', 'ca', ...(connected ? ['endpoints'] : [])]));
      }
    },
    60_000,
  );
});

describe('parallel turns: roles awaited together both move against the version they saw', () => {
  const request = (domain: string) => ({ type: 'requestCertificate', domain }) as const;
  const play = (state: TableState, role: Role, version: number, move: unknown) => {
    const result = applyMove(state, role, { version, move });
    if (!result.ok) throw new Error(`${role}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };

  it('the server and the eavesdropper both ask the CA against version 0, in either order', () => {
    for (const [first, second] of [
      ['server', 'eavesdropper'],
      ['eavesdropper', 'server'],
    ] as const) {
      const st = fresh();
      const domain = { server: 'bank.example', eavesdropper: 'evil.example' };
      const after = play(play(st, first, 0, request(domain[first])), second, 0, request(domain[second]));
      expect(after.requests.map((q) => q.requester).sort()).toEqual(['eavesdropper', 'server']);
      expect(after.phase).toBe('certificate-challenge');
      expect(after.history.map((h) => h.version)).toEqual([0, 0]);
      expect(after.version).toBe(2);
    }
  });

  it('the eavesdropper’s skip crosses the server’s request; the round replays from its history', () => {
    const st = fresh();
    const after = play(play(st, 'server', 0, request('bank.example')), 'eavesdropper', 0, { type: 'skipCertificate' });
    expect(after.phase).toBe('certificate-challenge');
    const again = replayRound({ scenarioId: 'happy-path', seed }, after.history);
    expect(again).toEqual(after);
  });

  it('both requesters publish their answers against the same version at the challenge', () => {
    let st = initialState({ scenarioId: 'impostor-request', seed });
    st = play(play(st, 'server', 0, request('bank.example')), 'eavesdropper', 0, request('bank.example'));
    for (const q of st.requests) st = play(st, 'ca', st.version, { type: 'sendChallenge', requestId: q.id });
    expect(st.phase).toBe('certificate-answer');
    expect(st.awaiting).toEqual(['server', 'eavesdropper']);
    const seen = st.version;
    const byId = (role: Role) => st.requests.find((q) => q.requester === role)!.id;
    const after = play(
      play(st, 'eavesdropper', seen, { type: 'publishChallengeAnswer', requestId: byId('eavesdropper') }),
      'server',
      seen,
      { type: 'publishChallengeAnswer', requestId: byId('server') },
    );
    expect(after.phase).toBe('certificate-decision');
    expect(after.requests.every((q) => q.status === 'answered')).toBe(true);
  });

  it('a role that already moved, or a move from an earlier step, is still stale', () => {
    const st = play(fresh(), 'server', 0, request('bank.example'));
    // The server moved at version 0: its own second move against 0 did not see its first.
    expectRejected(st, 'server', { version: 0, move: request('bank.example') }, 'STALE_VERSION');
    const next = play(st, 'eavesdropper', 0, { type: 'skipCertificate' });
    expect(next.stepSince).toBe(2);
    // The CA's step started at version 2: a challenge made against version 1 comes from the step before.
    expectRejected(
      next,
      'ca',
      { version: 1, move: { type: 'sendChallenge', requestId: 'request-1' } },
      'STALE_VERSION',
    );
    expectRejected(
      next,
      'ca',
      { version: 3, move: { type: 'sendChallenge', requestId: 'request-1' } },
      'STALE_VERSION',
    );
  });
});
