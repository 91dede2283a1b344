/** Vite: builds the client into dist/ (served by the game server); in dev, forwards API and WebSocket traffic to it. @module */
import { defineConfig } from 'vite';

const GAME_SERVER = 'http://localhost:2567';

export default defineConfig({
  // Relative asset paths, so a static copy works from any folder (homework practice without the game server).
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 2_000 },
  server: {
    proxy: {
      '/api': GAME_SERVER,
      '/matchmake': GAME_SERVER,
      '/health': GAME_SERVER,
      // Room sockets live at /<processId>/<roomId>: every other path with a query goes to the server as a WebSocket.
      '^/[\\w-]+/[\\w-]+\\?': { target: GAME_SERVER, ws: true },
    },
  },
});
