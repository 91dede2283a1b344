/** The right answers to the players' choices: used to check moves, to give hints and to drive bots. @module */
import type { Party, TableState } from '../state.ts';
import type { Role } from '../types.ts';

/** The pocket items whose combination makes the session keys, for this side and protocol mode. */
export function correctPieces(state: TableState, role: Role): string[] {
  // RFC 5246 §8.1: master_secret = PRF(pre_master_secret, "master secret", client_random + server_random).
  if (state.mode === 'tls12-rsa')
    return role === 'client' || role === 'server' ? ['client-random', 'pre-master-secret', 'server-random'] : [];
  if (role === 'client') return ['client-key-share', 'server-key-share'].sort();
  if (role === 'server') return ['server-key-share', 'client-key-share-received'].sort();
  return [];
}

/** The key that locks what this role sends now: the certificate's public key for the pre-master secret, else the session keys. */
export function correctKeyFor(state: TableState, _role: Role): string {
  return state.phase === 'client-key-exchange' ? 'server-public-key' : 'session-keys';
}

/** Certificates a party could present when answering a ClientHello. */
export function presentableCertificates(state: TableState, party: Party): { value: string; label: string }[] {
  return state.pockets[party]
    .filter((i) => i.kind === 'certificate' && i.id !== 'presented-certificate')
    .map((i) => ({ value: i.id, label: i.label }));
}
