import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file rather than the working directory. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Tools the project builds for itself (the Temporal CLI); ignored by git. */
export const toolsBinDir = path.join(projectRoot, '.tools', 'bin');

export function resolveDataDir(dataDir: string): string {
  return path.resolve(projectRoot, dataDir);
}

/** The development mailbox: MAILBOX_DIR (relative to the project root), or `mailbox` in the data directory. */
export function resolveMailboxDir(mailboxDir: string | undefined, dataDir: string): string {
  return mailboxDir ? path.resolve(projectRoot, mailboxDir) : path.join(resolveDataDir(dataDir), 'mailbox');
}

/** Where uploaded evidence files are kept: EVIDENCE_DIR (relative to the project), or DATA_DIR/evidence. */
export function resolveEvidenceDir(evidenceDir: string | undefined, dataDir: string): string {
  return evidenceDir ? path.resolve(projectRoot, evidenceDir) : path.join(resolveDataDir(dataDir), 'evidence');
}
