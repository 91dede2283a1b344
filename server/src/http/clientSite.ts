/** Serves the built client (`client/dist`), or an honest page saying it has not been built. @module */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Handshake</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Handshake</h1>
<p>The game server is running, but the game client has not been built yet, so there is nothing to play here.</p>
<p>Build it with <code>pnpm -r build</code> (the README's start command does this), then reload this page.</p>
<p>Server status: <a href="/health">/health</a></p>
</body>
</html>
`;

export function clientSite(distDir: string): express.Handler {
  if (existsSync(join(distDir, 'index.html'))) return express.static(distDir, { index: 'index.html' });
  return (req, res, next) => {
    if (req.method !== 'GET' || req.path !== '/') return next();
    res.type('html').send(NOT_BUILT_PAGE);
  };
}
