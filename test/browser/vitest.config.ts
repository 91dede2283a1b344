import { defineConfig } from 'vitest/config';

// One server and one Chromium per file; the pages are real (the built client in client/dist).
export default defineConfig({
  test: { name: 'browser', include: ['**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 },
});
