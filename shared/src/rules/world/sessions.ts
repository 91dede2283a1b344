/** Where protocol endpoint states and established connections live in the table state. @module */
import type { Connection } from '../../tls13/connection.ts';
import type { ConnId, Party, TableState } from '../state.ts';

export function endpoint<T>(state: TableState, party: Party, conn: ConnId): T | undefined {
  return state.endpoints[`${party}:${conn}`] as T | undefined;
}

export function setEndpoint(state: TableState, party: Party, conn: ConnId, value: unknown): void {
  state.endpoints[`${party}:${conn}`] = value;
}

/** Application-data connections, kept as they were when established so anyone holding them can try old records. */
export function connectionOf(state: TableState, party: Party, conn: ConnId): Connection | undefined {
  return state.endpoints[`${party}:${conn}:app`] as Connection | undefined;
}

export function setConnection(state: TableState, party: Party, conn: ConnId, value: Connection): void {
  state.endpoints[`${party}:${conn}:app`] = value;
}
