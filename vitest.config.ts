import { defineConfig } from 'vitest/config';

// One run covers every package. The room tests (server, test/room) join once the rules engine lands.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'test/room'],
  },
});
