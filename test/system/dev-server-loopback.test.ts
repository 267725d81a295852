import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startTemporalDevServer } from '../../src/system/temporal-dev-server.js';
import { freePort } from '../support/ports.js';

// The embedded Temporal dev server has no authentication: anyone who reaches it can send a case any
// command and read every history in its Web UI. `npm start` keeps it, and its UI, on loopback only.

/** The local IPv4 addresses (hex, as /proc/net/tcp writes them) of sockets listening on `port`. */
async function listeningAddresses(port: number): Promise<string[]> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
    .map((fields) => fields[1]?.split(':')[0] ?? '');
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('the embedded Temporal dev server', () => {
  it('listens, with its Web UI, on loopback only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cymuned-loopback-'));
    const [port, uiPort] = [await freePort(), await freePort()];
    const server = await startTemporalDevServer({ cli: inject('temporalCliPath'), dir, persistent: false, port, uiPort, namespace: 'default' });
    try {
      // 0100007F is 127.0.0.1; a server open to the network would listen on 00000000 (every address).
      expect(await listeningAddresses(port)).toEqual(['0100007F']);
      // The Web UI comes up a moment after the frontend answers.
      for (let tries = 0; tries < 50 && (await listeningAddresses(uiPort)).length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await listeningAddresses(uiPort)).toEqual(['0100007F']);
      expect(await reachable('127.0.0.1', port)).toBe(true);
      const others = Object.values(networkInterfaces())
        .flat()
        .filter((address) => address?.family === 'IPv4' && !address.internal)
        .map((address) => address?.address ?? '');
      for (const host of others) {
        expect(await reachable(host, port), `${host}:${port}`).toBe(false);
        expect(await reachable(host, uiPort), `${host}:${uiPort}`).toBe(false);
      }
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
