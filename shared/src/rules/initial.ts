/** initialState: a round's starting position, a pure function of its configuration and seed. @module */
import { abytes, utf8ToBytes } from '../bytes/bytes.ts';
import { seededRng } from '../rng/rng.ts';
import { CARELESS_POLICY, createRootCa, issueCertificate } from '../x509/ca.ts';
import { buildCertificate, randomSerial } from '../x509/certificate.ts';
import { buildCertificateRequest } from '../x509/csr.ts';
import { publicKeyOf } from '../x509/keys.ts';
import { give } from './context.ts';
import { findScenario } from './scenarios.ts';
import type { Outcome, TableState } from './state.ts';
import { PROTOCOL_MODES, type ProtocolMode } from './types.ts';
import { keyItemFor } from './world/domains.ts';
import { privateKeyBytes } from './world/pki.ts';

export interface TableConfig {
  scenarioId: string;
  mode?: ProtocolMode;
  /** 32 bytes from the platform CSPRNG in play (`randomSeed()`); fixed in tests and replays. */
  seed: Uint8Array;
  /** RSA modulus size for classic mode; 2048 unless a test needs speed. */
  rsaBits?: number;
}

/** The world's clock for every round: certificate checks replay identically. 2026-03-02 09:00 UTC. */
export const WORLD_NOW = Date.UTC(2026, 2, 2, 9, 0, 0) / 1000;
const DAY = 86_400;
const PASSWORD_WORDS = ['otter', 'maple', 'comet', 'harbor', 'velvet', 'pepper', 'lantern', 'quartz'];

/** Throws on a configuration error (unknown scenario or mode): the host's input is checked before this. */
/** A round's outcome before anything has happened. */
export function noOutcomeYet(): Outcome {
  return {
    secretReadBy: [],
    clientTrustedBadCertificate: false,
    clientRejected: null,
    connectionAborted: null,
    tamperDetectedBy: null,
    sessionCompleted: false,
    replyDelivered: false,
    misIssued: false,
    leakDecrypted: null,
    sniSeenBy: [],
  };
}

export function initialState(config: TableConfig): TableState {
  const scenario = findScenario(config.scenarioId);
  if (!scenario) throw new RangeError(`Unknown scenario: ${config.scenarioId}`);
  const mode = config.mode ?? scenario.modes[0]!;
  if (!PROTOCOL_MODES.includes(mode) || !scenario.modes.includes(mode))
    throw new RangeError(`Scenario ${scenario.id} is not played in ${mode}.`);
  abytes(config.seed, 32, 'seed');
  const rng = seededRng(config.seed, 'setup');
  const now = WORLD_NOW;
  const ca = createRootCa(rng.fork('ca'), {
    name: 'Handshake Root CA',
    notBefore: now - 5 * 365 * DAY,
    notAfter: now + 10 * 365 * DAY,
    algorithm: 'Ed25519',
  });
  const state: TableState = {
    version: 0,
    scenario,
    mode,
    seed: config.seed.slice(),
    now,
    phase: 'certificate-request',
    resumePhase: null,
    awaiting: ['server', 'eavesdropper'],
    stepSince: 0,
    pockets: { client: [], server: [], ca: [], eavesdropper: [] },
    envelopes: [],
    arrivals: [],
    closing: false,
    requests: [],
    ca,
    keyPairs: {},
    rsaBits: config.rsaBits ?? 2048,
    endpoints: {},
    recordSeqs: {},
    choices: {
      clientSuites: null,
      serverSuite: null,
      serverCertificateId: null,
      scheme: null,
      impersonating: null,
      keyShareSwapped: false,
    },
    validation: null,
    log: [],
    scores: [],
    outcome: noOutcomeYet(),
    thinkMs: { client: 0, server: 0, ca: 0, eavesdropper: 0 },
    history: [],
  };
  const password = `${PASSWORD_WORDS[rng.int(PASSWORD_WORDS.length)]}-${PASSWORD_WORDS[rng.int(PASSWORD_WORDS.length)]}-${1000 + rng.int(9000)}`;
  give(state, 'client', {
    id: 'trusted-root',
    kind: 'root-certificate',
    label: 'Handshake Root CA (in your trust store)',
    secret: false,
    bytes: ca.certificateDer,
  });
  give(state, 'client', {
    id: 'login-secret',
    kind: 'login-secret',
    label: 'Your login for bank.example',
    secret: true,
    bytes: utf8ToBytes(`user=alex&password=${password}`),
  });
  give(state, 'ca', {
    id: 'ca-signing-key',
    kind: 'signing-key',
    label: 'The CA’s private signing key (Ed25519)',
    secret: true,
    bytes: privateKeyBytes(ca.keyPair),
  });
  give(state, 'ca', {
    id: 'ca-root-certificate',
    kind: 'root-certificate',
    label: 'Your root certificate (browsers trust it)',
    secret: false,
    bytes: ca.certificateDer,
  });
  equipEavesdropper(state, rng.fork('eavesdropper'));
  return state;
}

/** The certificates the scenario puts in the eavesdropper's pocket, all for its own key. */
function equipEavesdropper(state: TableState, rng: ReturnType<typeof seededRng>): void {
  // With nothing to sign the eavesdropper makes its key when it first asks the CA (RSA keys are slow to make).
  if (state.scenario.world.eavesdropperHas.length === 0) return;
  const keyId = keyItemFor(state, 'eavesdropper', rng);
  const key = state.keyPairs[keyId]!;
  const site = state.scenario.world.siteName;
  const issueFor = (domain: string, notBefore: number) => {
    const result = issueCertificate(rng, state.ca, buildCertificateRequest({ domain, keyPair: key }), {
      now: notBefore,
      notBefore,
      validityDays: 90,
      challengeResult: null,
      policy: CARELESS_POLICY,
    });
    if (!result.ok) throw new Error(`setup: ${result.refusal.reason}`);
    return result.certificateDer;
  };
  for (const kind of state.scenario.world.eavesdropperHas) {
    if (kind === 'self-signed') {
      const der = buildCertificate({
        serial: randomSerial(rng),
        issuerCN: site,
        subjectCN: site,
        notBefore: state.now - 30 * DAY,
        notAfter: state.now + 335 * DAY,
        dnsNames: [site],
        isCA: false,
        subjectPublicKey: publicKeyOf(key),
        issuerKey: key,
      });
      give(state, 'eavesdropper', {
        id: 'forged-self-signed',
        kind: 'certificate',
        label: `A certificate for ${site} you signed yourself`,
        secret: false,
        bytes: der,
      });
    } else if (kind === 'wrong-name') {
      give(state, 'eavesdropper', {
        id: 'own-site-certificate',
        kind: 'certificate',
        label: 'Your genuine certificate for evil.example',
        secret: false,
        bytes: issueFor('evil.example', state.now - 10 * DAY),
      });
    } else if (kind === 'expired') {
      give(state, 'eavesdropper', {
        id: 'expired-certificate',
        kind: 'certificate',
        label: `Last year’s certificate for ${site}, with its old key`,
        secret: false,
        bytes: issueFor(site, state.now - 400 * DAY),
      });
    }
  }
}
