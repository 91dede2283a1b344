/** Names for the parts of the engine's TableView the screens draw (derived, so they follow the engine). @module */
import type { TableView } from '@handshake/shared';

export type EnvelopeView = TableView['envelopes'][number];
export type ItemView = TableView['pocket'][number];
export type RequestView = TableView['requests'][number];
