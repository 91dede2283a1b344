import { defineConfig } from 'vitest/config';

// Each file boots its own server on an ephemeral port: Colyseus's matchmaker is per process.
export default defineConfig({
  test: { name: 'room', include: ['**/*.test.ts'], testTimeout: 20_000, hookTimeout: 20_000 },
});
