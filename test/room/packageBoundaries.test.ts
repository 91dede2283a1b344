/**
 * Who may import whom: the client and the shared package never import the server (the wire protocol they
 * share lives in `@handshake/shared`), and shared imports neither app. Read from the sources, so a new
 * import of the server anywhere in client/ fails here before review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** `dir`'s imports that match `forbidden`, as "file imports specifier". */
function offenders(dir: string, forbidden: RegExp): string[] {
  return sourceFiles(join(ROOT, dir)).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => forbidden.test(specifier))
      .map((specifier) => `${file.slice(ROOT.length + 1)} imports ${specifier}`),
  );
}

const dependenciesOf = (packageDir: string): string[] => {
  const manifest = JSON.parse(readFileSync(join(ROOT, packageDir, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
  return ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((field) => Object.keys(manifest[field] ?? {}));
};

describe('package boundaries', () => {
  it('the client neither depends on nor imports the server package', () => {
    expect(dependenciesOf('client')).not.toContain('@handshake/server');
    expect(offenders('client/src', /^@handshake\/server(\/|$)|(^|\/)server\/src\//)).toEqual([]);
  });

  it('shared imports neither the server nor the client', () => {
    expect(dependenciesOf('shared').filter((d) => /^@handshake\//.test(d))).toEqual([]);
    expect(offenders('shared/src', /^@handshake\/(server|client)(\/|$)|(^|\/)(server|client)\/src\//)).toEqual([]);
  });

  it('finds the server imports the room tests do have (the scan can fail)', () => {
    expect(offenders('test/room', /^@handshake\/server(\/|$)/)).toContain(
      'test/room/helpers.ts imports @handshake/server',
    );
  });
});
