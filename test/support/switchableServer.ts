import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that a test takes down (every request answered 503) and brings
 * back up (200 with `{ stock: 7 }`, sent once `gate` resolves). It counts requests and how many
 * it served at once.
 */
export interface SwitchableServer {
  readonly url: string;
  up: boolean;
  /** Answers while up wait for it: a test holds a request in flight this way. */
  gate: Promise<void>;
  readonly requests: number;
  readonly maxInFlight: number;
  close(): Promise<void>;
}

export async function switchableServer(): Promise<SwitchableServer> {
  let inFlight = 0;
  const state = { up: false, gate: Promise.resolve(), requests: 0, maxInFlight: 0 };
  const server = createServer((_req, res) => {
    state.requests += 1;
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    // Answer on a later turn, so concurrent requests really overlap at the server.
    setImmediate(() => {
      if (!state.up) res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      else void state.gate.then(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"stock":7}'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}/stock`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
