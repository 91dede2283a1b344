import { defineConfig } from 'vitest/config';

// One run covers every package; the browser tests need client/dist, which the root `test` script builds first.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'client', 'bench', 'test/room', 'test/browser'],
  },
});
