/**
 * The few platform globals shared/ uses, declared here because it compiles without DOM or Node types: each
 * exists with this shape in every browser and in Node ≥ 17 (WHATWG Encoding, HTML base64 and structured clone,
 * Web Crypto's getRandomValues). Nothing else from a platform may be used (shared/tsconfig.json: `types: []`).
 */

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}

declare function atob(data: string): string;
declare function btoa(data: string): string;
declare function structuredClone<T>(value: T): T;

declare var crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
