/** Starts Handshake's server: WebSocket, the built client and /health on one port (PORT, default 2567). @module */
import { listen } from '@colyseus/tools';
import app from './app.config.ts';

await listen(app);
