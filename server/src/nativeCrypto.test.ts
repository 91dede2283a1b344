/**
 * The node:crypto backend gives noble's bytes: official vectors (FIPS 180-4, RFC 4231, RFC 8032, RFC 7748,
 * RFC 8439), seeded random inputs through both backends, and whole seeded rounds of every scenario and mode
 * played by the engine's bots under each backend — every state and every view byte-identical.
 */
import {
  applyMove,
  botMove,
  bytesToHex,
  hexToBytes,
  initialState,
  NOBLE_BACKEND,
  ROLES,
  SCENARIOS,
  seededRng,
  type TableState,
  type TableView,
  usePlatformCrypto,
  utf8ToBytes,
  viewFor,
} from '@handshake/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_BACKEND } from './nativeCrypto.ts';

afterAll(() => usePlatformCrypto(NODE_BACKEND));

const BACKENDS = [NOBLE_BACKEND, NODE_BACKEND];
const hex = bytesToHex;
const h = hexToBytes;

describe.each(BACKENDS)('$name backend: official vectors', (backend) => {
  it('SHA-256("abc") (FIPS 180-4 example)', () => {
    expect(hex(backend.sha256(utf8ToBytes('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('HMAC-SHA256, RFC 4231 test case 2', () => {
    const mac = backend.hmacSha256(utf8ToBytes('Jefe'), utf8ToBytes('what do ya want for nothing?'));
    expect(hex(mac)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('Ed25519, RFC 8032 §7.1 test 1', () => {
    const secret = h('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const publicKey = backend.ed25519PublicKey(secret);
    expect(hex(publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const signature = backend.ed25519Sign(new Uint8Array(0), secret);
    expect(hex(signature)).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
    expect(backend.ed25519Verify(signature, new Uint8Array(0), publicKey)).toBe(true);
    expect(backend.ed25519Verify(signature, Uint8Array.of(0), publicKey)).toBe(false);
  });

  it('X25519, RFC 7748 §6.1', () => {
    const alice = h('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bobPublic = h('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    expect(hex(backend.x25519PublicKey(alice))).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
    expect(hex(backend.x25519SharedSecret(alice, bobPublic)!)).toBe(
      '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    );
  });

  it('X25519 refuses small-order shares (RFC 7748 §6.1: the all-zero result)', () => {
    const alice = h('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    for (const u of ['00', '01', 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800']) {
      expect(backend.x25519SharedSecret(alice, h(u.padEnd(64, '0')))).toBeNull();
    }
  });

  it('ChaCha20-Poly1305, RFC 8439 §2.8.2', () => {
    const key = h('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
    const nonce = h('070000004041424344454647');
    const aad = h('50515253c0c1c2c3c4c5c6c7');
    const text = utf8ToBytes(
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
    );
    const sealed = backend.aeadSeal('chacha20-poly1305', key, nonce, aad, text);
    expect(hex(sealed.subarray(-16))).toBe('1ae10b594f09e26a7e902ecbd0600691');
    expect(hex(sealed.subarray(0, 16))).toBe('d31a8d34648e60db7b86afbc53ef7ec2');
    expect(backend.aeadOpen('chacha20-poly1305', key, nonce, aad, sealed)).toEqual(text);
  });

  it('AES-128-GCM, NIST GCM spec test case 4 (with AAD)', () => {
    const key = h('feffe9928665731c6d6a8f9467308308');
    const nonce = h('cafebabefacedbaddecaf888');
    const aad = h('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const text = h(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
    const sealed = backend.aeadSeal('aes-gcm', key, nonce, aad, text);
    expect(hex(sealed.subarray(-16))).toBe('5bc94fbc3221a5db94fae95ae7121a47');
    expect(backend.aeadOpen('aes-gcm', key, nonce, aad, sealed)).toEqual(text);
  });

  it('ChaCha20 keystream, RFC 8439 §2.3.2 shape: block 1 of the all-zero key and nonce (§A.1 test vector 2)', () => {
    const block = backend.chacha20Keystream(new Uint8Array(32), 1, 1);
    expect(hex(block.subarray(0, 16))).toBe('9f07e7be5551387a98ba977c732d080d');
  });
});

describe('seeded random inputs give the same bytes through both backends', () => {
  const rng = seededRng(utf8ToBytes('native crypto backend'));
  const cases = Array.from({ length: 64 }, (_, i) => ({
    i,
    key16: rng.bytes(16),
    key32: rng.bytes(32),
    nonce: rng.bytes(12),
    aad: rng.bytes(rng.int(40)),
    message: rng.bytes(rng.int(600)),
    other: rng.bytes(32),
    counter: rng.int(1000),
    flip: rng.int(1000),
  }));

  const both = <T>(f: (backend: typeof NOBLE_BACKEND) => T): [T, T] => [f(NOBLE_BACKEND), f(NODE_BACKEND)];

  it.each(cases)('case $i', ({ key16, key32, nonce, aad, message, other, counter, flip }) => {
    const same = <T>(f: (backend: typeof NOBLE_BACKEND) => T) => {
      const [a, b] = both(f);
      expect(b).toEqual(a);
      return a;
    };
    same((b) => b.sha256(message));
    same((b) => b.hmacSha256(key32, message));
    const publicKey = same((b) => b.ed25519PublicKey(key32));
    const signature = same((b) => b.ed25519Sign(message, key32));
    const tampered = signature.slice();
    tampered[flip % 64]! ^= 1 << (flip % 8);
    expect(same((b) => b.ed25519Verify(signature, message, publicKey))).toBe(true);
    expect(same((b) => b.ed25519Verify(tampered, message, publicKey))).toBe(false);
    same((b) => b.ed25519Verify(signature, message, other)); // a random 32 bytes: a point or not, no match
    const share = same((b) => b.x25519PublicKey(other));
    same((b) => b.x25519SharedSecret(key32, share));
    for (const [algorithm, key] of [
      ['aes-gcm', key16],
      ['aes-gcm', key32],
      ['chacha20-poly1305', key32],
    ] as const) {
      const sealed = same((b) => b.aeadSeal(algorithm, key, nonce, aad, message));
      same((b) => b.aeadOpen(algorithm, key, nonce, aad, sealed));
      const altered = sealed.slice();
      altered[flip % altered.length]! ^= 1;
      expect(same((b) => b.aeadOpen(algorithm, key, nonce, aad, altered))).toBeNull();
    }
    same((b) => b.chacha20Keystream(key32, counter, 1 + (flip % 5)));
  });
});

/** A whole round by the engine's bots from one seed: every state adopted and every viewer's view of it. */
function playRound(scenarioId: string, mode: TableState['mode']) {
  const seed = seededRng(utf8ToBytes('native crypto rounds'), `${scenarioId} ${mode}`).bytes(32);
  let state = initialState({ scenarioId, mode, seed });
  const states: TableState[] = [state];
  const views: TableView[] = [];
  while (state.phase !== 'debrief') {
    const role = ROLES.find((r) => state.awaiting.includes(r));
    const move = role && botMove(state, role);
    if (!role || !move) throw new Error(`no bot move in ${scenarioId} (${mode}) at ${state.phase}`);
    const result = applyMove(state, role, move);
    if (!result.ok) throw new Error(`bot move refused in ${scenarioId}: ${result.error.code}`);
    state = result.value;
    states.push(state);
    for (const viewer of [...ROLES, 'spectator'] as const) views.push(viewFor(state, viewer));
  }
  return { states, views };
}

describe('whole seeded rounds are byte-identical under both backends', () => {
  // Every TLS 1.3 scenario; classic rounds (slow: RSA-2048 key generation) for the scenarios with their own classic paths.
  const CLASSIC = new Set(['happy-path', 'tampered-record', 'key-leak']);
  const rounds = SCENARIOS.flatMap((s) =>
    s.modes.filter((mode) => mode === 'tls13' || CLASSIC.has(s.id)).map((mode) => ({ id: s.id, mode })),
  );
  it.each(rounds)(
    '$id ($mode)',
    ({ id, mode }) => {
      usePlatformCrypto(NOBLE_BACKEND);
      const noble = playRound(id, mode);
      usePlatformCrypto(NODE_BACKEND);
      const native = playRound(id, mode);
      expect(native.states.length).toBe(noble.states.length);
      expect(native.states).toEqual(noble.states);
      expect(JSON.stringify(native.views)).toBe(JSON.stringify(noble.views));
    },
    60_000,
  );
});
