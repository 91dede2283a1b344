/**
 * Colours: the Okabe–Ito palette, safe for the common colour-vision deficiencies. Every coloured thing
 * also carries a shape and a label, so colour is never the only cue.
 * @module
 */
import type { Role } from '@handshake/shared';

export const PALETTE = {
  blue: '#0072B2',
  green: '#009E73',
  purple: '#CC79A7',
  vermillion: '#D55E00',
  orange: '#E69F00',
  sky: '#56B4E9',
  yellow: '#F0E442',
  ink: '#1b1f24',
  paper: '#fbfaf6',
  wire: '#5b6470',
} as const;

export const ROLE_COLOUR: Record<Role, string> = {
  client: PALETTE.blue,
  server: PALETTE.green,
  ca: PALETTE.purple,
  eavesdropper: PALETTE.vermillion,
};

/**
 * Each role's colour darkened for text: at least 4.5:1 (WCAG AA) on the board's paper, its pocket band and
 * an envelope's white, where the bright palette colours (for lines and fills) are not.
 */
export const ROLE_INK: Record<Role, string> = {
  client: '#005a8e',
  server: '#00694d',
  ca: '#8f3d73',
  eavesdropper: '#a64300',
};

/** Text colours on the board besides the roles' (each ≥ 4.5:1 on paper, band and white). */
export const BOARD_INK = {
  text: PALETTE.ink,
  wire: '#4a525c',
  toMove: '#7a5200',
  lock: '#8a4b00',
  target: '#005a8e',
  alert: '#9c2f00',
} as const;

/** The board's backgrounds, which its labels are measured against. */
export const BOARD_GROUND = { paper: PALETTE.paper, band: '#e9e6dc', card: '#ffffff' } as const;

/** What each role is called on screen, and what it stands for in a real connection. */
export const ROLE_TITLE: Record<Role, { name: string; station: string; blurb: string }> = {
  client: { name: 'Client', station: 'Browser', blurb: 'Connects to the bank and sends the login.' },
  server: { name: 'Server', station: 'Website', blurb: 'Gets a certificate and answers the browser.' },
  ca: { name: 'CA', station: 'CA office', blurb: 'Checks who owns a domain, then signs certificates.' },
  eavesdropper: {
    name: 'Eavesdropper',
    station: 'On the wire',
    blurb: 'Sees every envelope; tries to read or change them.',
  },
};
