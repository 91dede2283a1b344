/** Who controls which domain in the game world, and each party's long-term key. @module */
import type { Rng } from '../../rng/rng.ts';
import { give } from '../context.ts';
import type { Party, TableState } from '../state.ts';
import { makeKeyPair, privateKeyBytes, publicKeyBytes } from './pki.ts';

/** Domains the eavesdropper really owns: it can pass a domain challenge for these. */
export const EAVESDROPPER_DOMAINS = ['bank-example.com', 'evil.example'] as const;

export function controlsDomain(state: TableState, party: Party, domain: string): boolean {
  if (party === 'server') return domain === state.scenario.world.siteName;
  if (party === 'eavesdropper') return (EAVESDROPPER_DOMAINS as readonly string[]).includes(domain);
  return false;
}

/** Names a party may put in a certificate request (an impostor may ask for anything). */
export function requestableDomains(state: TableState, party: Party): string[] {
  if (party === 'server') return [state.scenario.world.siteName];
  if (party === 'eavesdropper') return [state.scenario.world.siteName, ...EAVESDROPPER_DOMAINS];
  return [];
}

/** The party's long-term key pair, made on first use (the server makes its key when it first asks for a certificate). */
export function keyItemFor(state: TableState, party: Party, rng: Rng): string {
  const id = `${party}-long-term-key`;
  if (state.keyPairs[id]) return id;
  const algorithm = state.mode === 'tls12-rsa' ? 'RSA' : 'Ed25519';
  const pair = makeKeyPair(rng, algorithm, state.rsaBits);
  state.keyPairs[id] = pair;
  give(state, party, {
    id,
    kind: algorithm === 'RSA' ? 'rsa-private-key' : 'signing-key',
    label: `${party === 'server' ? 'The server' : 'Your'} private key (${algorithm})`,
    secret: true,
    bytes: privateKeyBytes(pair),
  });
  give(state, party, {
    id: `${id}-public`,
    kind: 'public-key',
    label: `Public key (${algorithm})`,
    secret: false,
    bytes: publicKeyBytes(pair),
  });
  return id;
}
