/**
 * The debrief's downloads: the round as a Wireshark capture (.pcapng, key log inside) and as a plain key
 * log (.keylog), both built here in the browser from the debrief view, so they work offline too.
 * @module
 */
import { captureFileName, keyLogText, roundPcapng, type TableView } from '@handshake/shared';

export type RoundExport = 'pcapng' | 'keylog';

/** How long the file's object URL outlives the click that starts its download. */
const OBJECT_URL_LIFETIME_MS = 60_000;

/** The file's bytes and type: a capture per the pcapng media type, a key log as text. */
export function exportFile(view: TableView, kind: RoundExport): { name: string; blob: Blob } {
  const blob =
    kind === 'pcapng'
      ? new Blob([roundPcapng(view) as Uint8Array<ArrayBuffer>], { type: 'application/x-pcapng' })
      : new Blob([keyLogText(view)], { type: 'text/plain;charset=utf-8' });
  return { name: captureFileName(view, kind), blob };
}

/** Starts the download the way a link with `download` does. */
export function downloadExport(view: TableView, kind: RoundExport): void {
  const { name, blob } = exportFile(view, kind);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}
