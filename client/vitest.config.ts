import { defineConfig } from 'vitest/config';

// The client's logic that needs no DOM (practice tables, stars, progress) runs in Node; pages are tested in test/browser.
export default defineConfig({
  test: { name: 'client', include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
});
