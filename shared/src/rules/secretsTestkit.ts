/**
 * Test kit (not part of the package's public index): every byte string the table state holds, and which of them a
 * viewer must never receive. Used by the view test here and by the socket recorder in test/room.
 *
 * The rule. A byte string is a Uint8Array, a bigint (an RSA modulus or exponent) or a hex string, of at least
 * `MIN_SECRET_BYTES`, found anywhere in a `TableState`. Its place is its typed position in the state (a path such
 * as `endpoints.*.handshake.clientHandshakeTrafficSecret`), never a display label. `PLACES` says who holds each
 * place: everyone (public), some parties, or nobody. A viewer may know
 *   - what is public: records of envelopes (on the wire or at the CA's desk), certificates and certificate requests, public keys, and
 *     pocket items not flagged `secret`;
 *   - what its own party holds: its pocket, its endpoint slots (`endpoints['<party>:<conn>']`), the private half of a
 *     key pair whose item is in its pocket, and the CA's key pair for the CA.
 * Everything else is secret from that viewer — endpoint key shares, handshake and traffic secrets, master secrets,
 * keys and IVs, the CA's and servers' private keys, the seed — unless it equals or lies inside something the viewer
 * may know (a random inside a ClientHello, a public key inside a certificate). A spectator holds nothing.
 * Only states before the debrief are searched: the debrief reveals every pocket and the seed by design (`viewFor`).
 *
 * A byte string at a place no rule covers is reported in `unclassified`, and the tests assert that list is empty:
 * whoever adds a byte field to the state must say here who may know it.
 * @module
 */
import { bytesToHex, hexToBytes, toBase64 } from '../bytes/bytes.ts';
import type { ConnId, Party, TableState } from './state.ts';
import { ROLES, type Viewer } from './types.ts';
import { CONNECTION_ENDS } from './world/keyLog.ts';

/** The shortest secret searched for: a TLS 1.3 write IV (RFC 8446 §5.3). 12 random bytes never match by chance. */
export const MIN_SECRET_BYTES = 12;

/** Who may know the bytes at a place: everyone, or only these parties (none: secret until the debrief). */
export type Holders = 'everyone' | readonly Party[];

type Path = readonly (string | number)[];

interface PlaceRule {
  /** Dot-separated path: `*` is any one key or index, a final `**` anything below. */
  place: string;
  holders: (state: TableState, path: Path) => Holders;
}

const everyone = (): Holders => 'everyone';

/** The party a pocket or an `endpoints` key (`<party>:<conn>`) belongs to, checked: an unknown one is a shape change. */
function partyOf(key: string | number): Party {
  const party = String(key).split(':')[0];
  const role = ROLES.find((r) => r === party);
  if (!role) throw new Error(`secretsTestkit: ${String(key)} names no party`);
  return role;
}

/** The server end of the connection an `endpoints` key (`<party>:<conn>`) names: who issued its tickets. */
function ticketIssuer(key: string | number): Party {
  const conn = String(key).split(':')[1] as ConnId;
  const ends = CONNECTION_ENDS[conn];
  if (!ends) throw new Error(`secretsTestkit: ${String(key)} names no connection`);
  return ends.server;
}

/** Who holds the private half of `keyPairs[id]`: every party whose pocket has the item `id`. */
function keyPairHolders(state: TableState, id: string | number): Party[] {
  return ROLES.filter((party) => state.pockets[party].some((item) => item.id === id));
}

/** Every place in the state that holds bytes, and who may know them. */
export const PLACES: readonly PlaceRule[] = [
  // Every random draw derives from it: nobody's before the debrief.
  { place: 'seed', holders: () => [] },
  // The item's typed `secret` flag decides (a certificate or a random is public; a key, a login is not).
  {
    place: 'pockets.*.*.bytes',
    holders: (state, [, party, index]) => {
      const owner = partyOf(party!);
      return state.pockets[owner][index as number]!.secret ? [owner] : 'everyone';
    },
  },
  // Everything an endpoint keeps (key shares, handshake and traffic secrets, keys, IVs, transcripts, records not yet
  // sent, whatever is added later) is its party's; what of it is public also lies inside a public byte string.
  // A NewSessionTicket the client keeps was made by the server end of that connection: both ends know it.
  ...(['live', 'established'] as const).map((at) => ({
    place: `endpoints.*.${at}.connection.tickets.**`,
    holders: (_state: TableState, [, key]: Path): Holders => [partyOf(key!), ticketIssuer(key!)],
  })),
  { place: 'endpoints.*.**', holders: (_state, [, key]) => [partyOf(key!)] },
  // A private half no pocket holds (yet) is nobody's.
  { place: 'keyPairs.*.privateKey.**', holders: (state, [, id]) => keyPairHolders(state, id!) },
  { place: 'keyPairs.*.publicKey.**', holders: everyone },
  { place: 'ca.keyPair.privateKey.**', holders: () => ['ca'] },
  { place: 'ca.keyPair.publicKey.**', holders: everyone },
  { place: 'ca.certificateDer', holders: everyone },
  // On the wire and at the CA's desk alike (a request, a challenge, a certificate): in the open or encrypted.
  { place: 'envelopes.*.records.*', holders: everyone },
  { place: 'requests.*.requestDer', holders: everyone },
  { place: 'requests.*.certificateDer', holders: everyone },
];

function matches(pattern: string, path: Path): boolean {
  const parts = pattern.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '**') return path.length >= i;
    if (i >= path.length || (parts[i] !== '*' && parts[i] !== String(path[i]))) return false;
  }
  return parts.length === path.length;
}

/** A path as a place name: indexes become `*`, so one field of many envelopes is one place. */
const placeName = (path: Path) => path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');

/** The bytes a value stands for, when it is a byte string of at least `MIN_SECRET_BYTES`. */
function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value.length >= MIN_SECRET_BYTES ? value : null;
  if (typeof value === 'bigint') {
    const abs = value < 0n ? -value : value;
    let hex = abs.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    return hex.length >= 2 * MIN_SECRET_BYTES ? hexToBytes(hex) : null;
  }
  if (typeof value === 'string' && value.length >= 2 * MIN_SECRET_BYTES && /^(?:[0-9a-fA-F]{2})+$/.test(value))
    return hexToBytes(value.toLowerCase());
  return null;
}

export interface PlacedBytes {
  place: string;
  hex: string;
  bytes: Uint8Array;
  holders: Holders;
}

/** Every byte string in the state with its place and holders; places no rule covers, by name. */
export function bytePlaces(state: TableState): { placed: PlacedBytes[]; unclassified: string[] } {
  const placed: PlacedBytes[] = [];
  const unclassified = new Set<string>();
  const ancestors = new Set<object>();
  const walk = (value: unknown, path: (string | number)[]): void => {
    const bytes = bytesOf(value);
    if (bytes) {
      const rule = PLACES.find((r) => matches(r.place, path));
      if (rule)
        placed.push({ place: placeName(path), hex: bytesToHex(bytes), bytes, holders: rule.holders(state, path) });
      else unclassified.add(placeName(path));
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array || ancestors.has(value)) return;
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      unclassified.add(`${placeName(path)} (${value.constructor.name})`);
      return;
    }
    ancestors.add(value);
    if (Array.isArray(value)) for (const [i, v] of value.entries()) walk(v, [...path, i]);
    else if (value instanceof Map) for (const [k, v] of value) walk(v, [...path, String(k)]);
    else for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    ancestors.delete(value);
  };
  walk(state, []);
  return { placed, unclassified: [...unclassified].sort() };
}

const mayKnow = (holders: Holders, viewer: Viewer) =>
  holders === 'everyone' || (viewer !== 'spectator' && holders.includes(viewer));

/** Whether `hex` lies inside `haystack` at a byte boundary (hex strings joined by '|'). */
function containsBytes(haystack: string, hex: string): boolean {
  for (let at = haystack.indexOf(hex); at >= 0; at = haystack.indexOf(hex, at + 1)) {
    const start = haystack.lastIndexOf('|', at) + 1;
    if ((at - start) % 2 === 0) return true;
  }
  return false;
}

export interface Secret {
  /** Every place it was found at. */
  places: string[];
  hex: string;
  bytes: Uint8Array;
}

/** Adds the bytes at `p` to `found`, by value. */
function collect(found: Map<string, Secret>, p: PlacedBytes): void {
  const secret = found.get(p.hex);
  if (!secret) found.set(p.hex, { places: [p.place], hex: p.hex, bytes: p.bytes });
  else if (!secret.places.includes(p.place)) secret.places.push(p.place);
}

export interface SecretSearch {
  /** Byte strings the viewer must never receive. */
  secrets: Secret[];
  /** Byte strings the viewer may know that are not public (its own secrets, or ones it learned for real). */
  held: Secret[];
  unclassified: string[];
}

/**
 * What must not reach `viewer` over these states (before the debrief; states from it on are skipped): every byte
 * string it may not know at any of them, less anything it may know at one of them (a login it stole later).
 */
export function secretSearch(states: readonly TableState[], viewer: Viewer): SecretSearch {
  const known: string[] = [];
  const hidden = new Map<string, Secret>();
  const held = new Map<string, Secret>();
  const unclassified = new Set<string>();
  for (const state of states) {
    if (state.phase === 'debrief') continue;
    const found = bytePlaces(state);
    for (const place of found.unclassified) unclassified.add(place);
    for (const p of found.placed) {
      if (mayKnow(p.holders, viewer)) {
        known.push(p.hex);
        if (p.holders !== 'everyone') collect(held, p);
      } else collect(hidden, p);
    }
  }
  const haystack = known.join('|');
  const publicHaystack = states
    .flatMap((s) => (s.phase === 'debrief' ? [] : bytePlaces(s).placed))
    .filter((p) => p.holders === 'everyone')
    .map((p) => p.hex)
    .join('|');
  return {
    secrets: [...hidden.values()].filter((s) => !containsBytes(haystack, s.hex)),
    held: [...held.values()].filter((s) => !containsBytes(publicHaystack, s.hex)),
    unclassified: [...unclassified].sort(),
  };
}

/**
 * The forms a secret could travel in as text: the bytes as latin1 characters, hex in either case, and base64 /
 * base64url at each of the three alignments it could have inside a longer encoded string (only the characters the
 * secret alone decides).
 */
export function leakForms(secret: Uint8Array): string[] {
  const hex = bytesToHex(secret);
  return [hex, hex.toUpperCase(), ...unhexedForms(secret)];
}

/** The forms of `leakForms` other than hex. */
function unhexedForms(secret: Uint8Array): string[] {
  const forms = [String.fromCharCode(...secret)];
  for (let lead = 0; lead < 3; lead++) {
    const padded = new Uint8Array(lead + secret.length);
    padded.set(secret, lead);
    const encoded = toBase64(padded).replace(/=+$/, '');
    const decided = encoded.slice(Math.ceil((lead * 8) / 6), Math.floor(((lead + secret.length) * 8) / 6));
    forms.push(decided, decided.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return forms;
}

/** A view as the text it travels as; bytes a view should never hold are written as hex, so they are found too. */
export function viewText(view: unknown): string {
  return JSON.stringify(view, (_key, value: unknown) =>
    value instanceof Uint8Array ? bytesToHex(value) : typeof value === 'bigint' ? value.toString(16) : value,
  );
}

/** Which of `secrets` appear in `text` in any form of `leakForms`, as `<places>: <hex>` lines (empty: none). */
export function leaksIn(text: string, secrets: readonly Secret[]): string[] {
  const lower = text.toLowerCase(); // hex in any case, searched once
  return secrets
    .filter((s) => lower.includes(s.hex) || unhexedForms(s.bytes).some((form) => text.includes(form)))
    .map((s) => `${s.places.join(', ')}: ${s.hex}`);
}
