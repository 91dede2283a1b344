/**
 * A small pool of worker threads that make RSA key pairs from seeds (rsaKeyWorker.ts), so a 2048-bit key
 * (about half a second of CPU) never blocks the event loop every room shares. Workers start on first use
 * and do not keep the process alive. @module
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { KeyPair } from '@handshake/shared';
import type { RsaKeyJob } from './rsaKeyWorker.ts';

/** One thread on a small machine, two where there are cores to spare: key generation is bursty, not constant. */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));

type Answer = { id: number; pair: KeyPair } | { id: number; error: string };

/** The worker is TypeScript: it registers tsx's loader first, as `tsx src/index.ts` does for the main thread. */
function bootScript(): string {
  const require = createRequire(import.meta.url);
  const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const worker = new URL('./rsaKeyWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
}

export class RsaKeyPool {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, { resolve: (pair: KeyPair) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #turn = 0;

  /** The key pair `seed` stands for at `bits`, made on a worker thread. */
  make(bits: number, seed: Uint8Array): Promise<KeyPair> {
    const job: RsaKeyJob = { id: this.#nextId++, bits, seed };
    const worker = this.#worker();
    return new Promise((resolve, reject) => {
      this.#pending.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  /** Starts the threads now (loading them takes a second or two), so the first key does not wait for that. */
  warm(): void {
    while (this.#workers.length < POOL_SIZE) this.#spawn();
  }

  #worker(): Worker {
    if (this.#workers.length < POOL_SIZE) return this.#spawn();
    this.#turn = (this.#turn + 1) % this.#workers.length;
    return this.#workers[this.#turn]!;
  }

  #spawn(): Worker {
    const worker = new Worker(bootScript(), { eval: true });
    worker.unref();
    worker.on('message', (answer: Answer) => this.#settle(answer));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', () => this.#fail(worker, new Error('the key worker stopped')));
    this.#workers.push(worker);
    return worker;
  }

  #settle(answer: Answer): void {
    const pending = this.#pending.get(answer.id);
    this.#pending.delete(answer.id);
    if ('pair' in answer) pending?.resolve(answer.pair);
    else pending?.reject(new Error(answer.error));
  }

  /** A worker that fails takes its jobs with it (callers fall back); the next job starts a fresh one. */
  #fail(worker: Worker, error: Error): void {
    const index = this.#workers.indexOf(worker);
    if (index < 0) return;
    this.#workers.splice(index, 1);
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.reject(error);
    }
    void worker.terminate();
  }
}
