/** The start page's controller: joining by code, creating a table, and what to say while it happens. @module */
import { createTable, joinByCode, normalizeCode } from '../net/join.ts';
import { savedNickname, saveNickname } from './nickname.ts';

export type HomeStatus = { busy: false; error: string | null } | { busy: true; doing: string };

export class HomeCtrl {
  code: string;
  nickname = savedNickname();
  status: HomeStatus = { busy: false, error: null };

  constructor(
    initialCode: string,
    private readonly go: (path: string) => void,
    private readonly redraw: () => void,
  ) {
    this.code = normalizeCode(initialCode);
  }

  async join(): Promise<void> {
    await this.#attempt('Joining…', async () => {
      const result = await joinByCode(this.code, this.nickname);
      if (!result.ok) return result.error.message;
      this.go(result.path);
      return null;
    });
  }

  async create(): Promise<void> {
    await this.#attempt('Creating a table…', async () => {
      if (!this.nickname.trim()) return 'Choose a nickname first: you will sit at the table you create.';
      const table = await createTable(this.nickname);
      if (!table.ok) return table.error.message;
      const joined = await joinByCode(table.code, this.nickname, { hostKey: table.hostKey });
      if (!joined.ok) return joined.error.message;
      this.go(joined.path);
      return null;
    });
  }

  /** Runs one request at a time; the step returns an error sentence or null. */
  async #attempt(doing: string, step: () => Promise<string | null>): Promise<void> {
    if (this.status.busy) return;
    saveNickname(this.nickname);
    this.status = { busy: true, doing };
    this.redraw();
    const error = await step();
    this.status = { busy: false, error };
    this.redraw();
  }
}
