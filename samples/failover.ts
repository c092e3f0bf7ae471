/**
 * A custom healer: when the primary endpoint refuses connections, fail over to the secondary and
 * re-run the call. Run: npm run build && node dist/samples/failover.js
 */
import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { container, injectable } from 'tsyringe';
import { errors, Heal, type HealContext, type Healer, HealFailedError, raiseForStatus } from 'mendkit';

/** Where the status service lives; `active` is what calls use. Shared, so one failover serves all. */
class Endpoints {
  active: string;
  constructor(
    readonly primary: string,
    readonly secondary: string,
  ) {
    this.active = primary;
  }
}

/**
 * The healer: matches network failures and switches every caller to the secondary. `matches`
 * looks at the error only; whether there is anything left to do is `heal`'s question, so calls
 * that failed on the primary just before the failover are still re-run (single flight).
 * Injected with `Endpoints` by the container.
 */
@injectable()
class FailOverToSecondary implements Healer {
  constructor(private readonly endpoints: Endpoints) {}

  matches(error: unknown): boolean {
    return errors.network.matches(error);
  }

  async heal(_error: unknown, context: HealContext): Promise<void> {
    if (this.endpoints.active === this.endpoints.secondary) {
      throw new HealFailedError('FailOverToSecondary', 'already on the secondary; nothing left to fail over to');
    }
    this.endpoints.active = this.endpoints.secondary;
    context.logger.warn(`failed over to ${this.endpoints.secondary}`, { event: 'failover', method: context.method });
  }

  /** Concurrent failures share one failover. */
  flightKey(): unknown {
    return this.endpoints;
  }
}

@injectable()
class StatusClient {
  constructor(private readonly endpoints: Endpoints) {}

  @Heal(FailOverToSecondary)
  async status(): Promise<string> {
    const response = await raiseForStatus(await fetch(`${this.endpoints.active}/status`));
    return response.text();
  }
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

async function main(): Promise<void> {
  const secondary = createServer((_req, res) => res.end('ok (served by secondary)'));
  const secondaryUrl = await listen(secondary);
  // A port that was just free: nothing listens there, so the primary refuses connections.
  const closed = createServer();
  const primaryUrl = await listen(closed);
  closed.close();
  try {
    container.register(Endpoints, { useValue: new Endpoints(primaryUrl, secondaryUrl) });
    const statuses = await Promise.all([1, 2, 3].map(() => container.resolve(StatusClient).status()));
    console.log(`status: ${statuses.join(', ')}`);
  } finally {
    secondary.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
