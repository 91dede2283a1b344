import { defineConfig } from 'vitest/config';

// One run covers every package: engine, room and browser tests.
export default defineConfig({
  test: {
    projects: ['shared'],
  },
});
