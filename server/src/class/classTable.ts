/**
 * The contract between a class session and its table rooms: the class seats students and starts rounds;
 * a table reports its progress and, at each debrief, the round's scores. Both run in this process.
 * @module
 */
import type { FinishedTableRound, ProtocolMode, Role } from '@handshake/shared';

/** A student in a seat for one round. */
export interface ClassSeatAssignment {
  studentId: string;
  nickname: string;
  /** Connected to the class when the round starts; an absent student's seat is played by a bot this round. */
  present: boolean;
  /** This student's step limit (ms), null = no limit. */
  stepLimitMs: number | null;
}

export interface ClassRoundStart {
  round: number;
  scenarioId: string;
  mode: ProtocolMode;
  /** null = a bot plays the role. */
  seating: Record<Role, ClassSeatAssignment | null>;
}

/** What a table reports when its round reaches the debrief: the competition's `FinishedTableRound` less what the class adds. */
export type TableRoundReport = Omit<FinishedTableRound, 'table' | 'stepLimitMs' | 'speedPoints'> & {
  mode: ProtocolMode;
};

/** The public progress of a table, for the dashboard and the projector. */
export interface TableProgress {
  round: number;
  scenarioId: string;
  phase: string;
  phaseTitle: string;
  stage: string;
  awaiting: Role[];
}

/** Handed to a class table at creation (in-process, never from a client). */
export interface ClassTableLink {
  classCode: string;
  tableNumber: number;
  roundFinished: (report: TableRoundReport) => void;
  progress: (progress: TableProgress) => void;
  /** A student took the seat the class reserved for them (so the class stops handing that reservation out). */
  seated: (studentId: string) => void;
}

/** Join options a class puts in a seat reservation for one of its students (never taken from HTTP bodies). */
export interface ClassStudentTicket {
  classStudentId: string;
  nickname: string;
}
