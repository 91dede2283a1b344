/**
 * The game's pictures, drawn as SVG in this repository: the four stations and the things players hold.
 * Each has a distinct shape (not just a colour) and is used both in HTML and as a Phaser texture.
 * @module
 */
import type { Role } from '@handshake/shared';
import type { ItemView } from '../table/viewTypes.ts';
import { PALETTE, ROLE_COLOUR } from './palette.ts';

const svg = (body: string, size = 64) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}" aria-hidden="true" focusable="false">${body}</svg>`;

const ROLE_BODY: Record<Role, (c: string) => string> = {
  // A browser window: title bar with three dots, an address bar and a page.
  client: (c) =>
    `<rect x="4" y="8" width="56" height="48" rx="5" fill="#fff" stroke="${c}" stroke-width="4"/>
     <rect x="4" y="8" width="56" height="12" rx="5" fill="${c}"/>
     <circle cx="11" cy="14" r="2" fill="#fff"/><circle cx="17" cy="14" r="2" fill="#fff"/><circle cx="23" cy="14" r="2" fill="#fff"/>
     <rect x="10" y="25" width="44" height="7" rx="3" fill="none" stroke="${c}" stroke-width="2"/>
     <rect x="10" y="37" width="30" height="4" fill="${c}"/><rect x="10" y="45" width="38" height="4" fill="${c}"/>`,
  // A server rack: three stacked units with lights.
  server: (c) =>
    `<rect x="12" y="4" width="40" height="56" rx="4" fill="#fff" stroke="${c}" stroke-width="4"/>
     <rect x="17" y="11" width="30" height="10" rx="2" fill="${c}"/><rect x="17" y="27" width="30" height="10" rx="2" fill="${c}"/>
     <rect x="17" y="43" width="30" height="10" rx="2" fill="${c}"/>
     <circle cx="42" cy="16" r="2" fill="#fff"/><circle cx="42" cy="32" r="2" fill="#fff"/><circle cx="42" cy="48" r="2" fill="#fff"/>`,
  // An office with a pediment and a round seal: the authority that signs.
  ca: (c) =>
    `<path d="M6 24 L32 6 L58 24 Z" fill="${c}"/>
     <rect x="10" y="24" width="44" height="32" fill="#fff" stroke="${c}" stroke-width="4"/>
     <rect x="6" y="54" width="52" height="6" fill="${c}"/>
     <circle cx="32" cy="39" r="9" fill="none" stroke="${c}" stroke-width="4"/>
     <path d="M28 39 l3 3 l6 -7" fill="none" stroke="${c}" stroke-width="3"/>`,
  // An eye over a wire: someone watching the traffic.
  eavesdropper: (c) =>
    `<path d="M4 30 Q32 4 60 30 Q32 56 4 30 Z" fill="#fff" stroke="${c}" stroke-width="4"/>
     <circle cx="32" cy="30" r="10" fill="${c}"/><circle cx="32" cy="30" r="4" fill="#fff"/>
     <path d="M2 56 H62" stroke="${c}" stroke-width="4" stroke-dasharray="6 4"/>`,
};

export function roleIcon(role: Role, size = 64): string {
  return svg(ROLE_BODY[role](ROLE_COLOUR[role]), size);
}

export type ItemShape = 'private-key' | 'public-key' | 'certificate' | 'session-keys' | 'secret';

/** Which picture an item gets: private keys are solid, public ones hollow, certificates are documents. */
export function itemShape(kind: ItemView['kind']): ItemShape {
  switch (kind) {
    case 'signing-key':
    case 'rsa-private-key':
    case 'key-share-private':
      return 'private-key';
    case 'public-key':
    case 'key-share-public':
      return 'public-key';
    case 'certificate':
    case 'root-certificate':
      return 'certificate';
    case 'session-keys':
      return 'session-keys';
    default:
      return 'secret';
  }
}

const KEY = (fill: string, stroke: string, dx = 0, dy = 0) =>
  `<g transform="translate(${dx} ${dy})"><circle cx="18" cy="32" r="12" fill="${fill}" stroke="${stroke}" stroke-width="4"/>
   <circle cx="18" cy="32" r="4" fill="#fff" stroke="${stroke}" stroke-width="2"/>
   <path d="M30 32 H58 M50 32 V42 M42 32 V40" stroke="${stroke}" stroke-width="5" fill="none"/></g>`;

const ITEM_BODY: Record<ItemShape, string> = {
  'private-key': KEY(PALETTE.orange, PALETTE.ink),
  'public-key': KEY('#fff', PALETTE.blue),
  'session-keys': `${KEY(PALETTE.green, PALETTE.ink, 0, -10)}${KEY(PALETTE.green, PALETTE.ink, 0, 10)}`,
  certificate: `<rect x="8" y="6" width="40" height="50" rx="3" fill="#fff" stroke="${PALETTE.ink}" stroke-width="3"/>
   <rect x="14" y="14" width="26" height="4" fill="${PALETTE.ink}"/><rect x="14" y="23" width="20" height="3" fill="${PALETTE.ink}"/>
   <rect x="14" y="30" width="22" height="3" fill="${PALETTE.ink}"/>
   <circle cx="46" cy="46" r="11" fill="${PALETTE.purple}" stroke="${PALETTE.ink}" stroke-width="3"/>
   <path d="M40 56 L38 63 L46 59 L54 63 L52 56" fill="${PALETTE.purple}" stroke="${PALETTE.ink}" stroke-width="2"/>`,
  secret: `<rect x="8" y="12" width="48" height="40" rx="4" fill="${PALETTE.yellow}" stroke="${PALETTE.ink}" stroke-width="3"/>
   <text x="32" y="42" font-family="monospace" font-size="22" font-weight="bold" text-anchor="middle" fill="${PALETTE.ink}">***</text>`,
};

export function itemIcon(shape: ItemShape, size = 40): string {
  return svg(ITEM_BODY[shape], size);
}

/** A closed padlock: the sign of a sealed (encrypted) envelope. */
export const PADLOCK = svg(
  `<path d="M20 28 V20 a12 12 0 0 1 24 0 V28" fill="none" stroke="${PALETTE.ink}" stroke-width="6"/>
   <rect x="12" y="28" width="40" height="30" rx="4" fill="${PALETTE.orange}" stroke="${PALETTE.ink}" stroke-width="4"/>
   <circle cx="32" cy="41" r="4" fill="${PALETTE.ink}"/><rect x="30" y="42" width="4" height="9" fill="${PALETTE.ink}"/>`,
);
