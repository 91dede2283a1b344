/** A manual clock for the practice tests: scheduled tasks run only when the test says so. @module */
import type { Scheduler } from './localTableSession.ts';

export class ManualClock {
  #tasks: { task: () => void; ms: number; cancelled: boolean }[] = [];
  readonly schedule: Scheduler = (task, ms) => {
    const entry = { task, ms, cancelled: false };
    this.#tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  };

  /** Delays of the tasks still waiting. */
  get pending(): number[] {
    return this.#tasks.filter((t) => !t.cancelled).map((t) => t.ms);
  }

  /** Runs the waiting tasks in order (and any they schedule) until none is left or `limit` ran. */
  runAll(limit = 500): number {
    let ran = 0;
    while (ran < limit) {
      const next = this.#tasks.shift();
      if (!next) break;
      if (next.cancelled) continue;
      next.task();
      ran++;
    }
    return ran;
  }
}
