/** Test-only helpers for the x509 suites: seeded generators, cached keys, node:crypto and openssl bridges. @module */
import { execFileSync } from 'node:child_process';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { toBase64, utf8ToBytes } from '../bytes/bytes.ts';
import { type Rng, seededRng } from '../rng/rng.ts';
import {
  type Ed25519KeyPair,
  encodeSubjectPublicKeyInfo,
  generateEd25519KeyPair,
  generateRsaKeyPair,
  type RsaKeyPair,
  type SubjectPublicKey,
} from './keys.ts';

/** 2025-06-15T15:06:40Z: "now" in most tests. */
export const NOW = 1_750_000_000;
export const DAY = 86_400;

export function rngFor(label: string): Rng {
  return seededRng(utf8ToBytes('x509 tests'), label);
}

const rsaCache = new Map<string, RsaKeyPair>();
/** An RSA key pair per label, generated once per test file (1024 bits unless asked). */
export function rsaKey(label: string, bits = 1024): RsaKeyPair {
  const id = `${label}/${bits}`;
  let key = rsaCache.get(id);
  if (!key) {
    key = generateRsaKeyPair(rngFor(`rsa ${id}`), bits);
    rsaCache.set(id, key);
  }
  return key;
}

export function edKey(label: string): Ed25519KeyPair {
  return generateEd25519KeyPair(rngFor(`ed25519 ${label}`));
}

export function nodePublicKey(key: SubjectPublicKey): KeyObject {
  return createPublicKey({ key: Buffer.from(encodeSubjectPublicKeyInfo(key)), format: 'der', type: 'spki' });
}

/** A copy of `bytes` with one byte changed. */
export function withByteFlipped(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  out[index]! ^= 0x01;
  return out;
}

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle));
}

export function toPem(der: Uint8Array, label: string): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * `it` for tests that need the openssl binary: skipped where it is missing, except under CI (CI set), where
 * scripts/test-deps.sh installs it — there a missing openssl must fail the test, not hide it.
 */
export const itWithOpenssl = hasOpenssl || process.env.CI ? it : it.skip;

/** Runs openssl in a fresh temporary directory holding `files`; returns stdout + stderr and the exit status. */
export function openssl(
  args: string[],
  files: Record<string, string | Uint8Array> = {},
): { output: string; status: number; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'handshake-x509-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  try {
    const output = execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
    return { output, status: 0, dir };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; status?: number };
    return { output: `${e.stdout ?? ''}${e.stderr ?? ''}`, status: e.status ?? 1, dir };
  }
}
