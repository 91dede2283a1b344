/** What the board draws: a plain snapshot of the table for one viewer, and what it may report back. @module */
import type { Role, TableView } from '@handshake/shared';
import type { DropTarget } from '../actions/ctrl.ts';
import type { InspectRef } from '../inspector/ctrl.ts';
import type { SeatSnapshot } from '../table/session.ts';
import type { EnvelopeView, ItemView } from '../table/viewTypes.ts';

export interface BoardModel {
  seats: SeatSnapshot[];
  /** Roles the table waits for now (drawn as a marker on their station). */
  awaiting: Role[];
  envelopes: EnvelopeView[];
  pocket: ItemView[];
  dropTargets: DropTarget[];
  /** The open inspector's subject, highlighted on the board. */
  selected: InspectRef | null;
  siteName: string;
  reducedMotion: boolean;
}

export interface BoardEvents {
  inspect: (ref: InspectRef) => void;
  /** An item from the pocket was dropped on a target. */
  drop: (targetId: string, itemId: string) => void;
}

export function boardModel(
  view: TableView,
  seats: SeatSnapshot[],
  dropTargets: DropTarget[],
  selected: InspectRef | null,
  reducedMotion: boolean,
): BoardModel {
  return {
    seats,
    awaiting: view.awaiting,
    envelopes: view.envelopes,
    pocket: view.pocket,
    dropTargets,
    selected,
    siteName: view.siteName,
    reducedMotion,
  };
}
