import { defineConfig } from 'vitest/config';

// Only the benches' own unit tests; the benches themselves run with tsx (`pnpm bench:*`), never under vitest.
export default defineConfig({
  test: { name: 'bench', include: ['*.test.ts'] },
});
