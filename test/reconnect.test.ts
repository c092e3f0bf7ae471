import 'reflect-metadata';
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { Client } from 'pg';
import { Heal, Reconnect, type Reconnectable } from 'mendkit';
import { requirePostgres } from './support/requires';
import { POSTGRES_URL } from './support/services';
import { useTestKit } from './support/useTestKit';


/** How node-postgres reports the terminated connection, depending on when it noticed. */
const LOST = /administrator command|Connection terminated|not queryable/;

async function connect(): Promise<Client> {
  const client = new Client({ connectionString: POSTGRES_URL });
  client.on('error', () => {
    // A terminated connection also reports itself here; the failed query is what we handle.
  });
  await client.connect();
  return client;
}

/** A repository holding one PostgreSQL connection, able to replace it. */
class JobsRepository implements Reconnectable {
  client!: Client;
  reconnects = 0;

  async reconnect(): Promise<void> {
    this.reconnects++;
    this.client.end().catch(() => undefined);
    this.client = await connect();
  }

  @Heal(Reconnect)
  async backendPid(): Promise<number> {
    const result = await this.client.query<{ pid: number }>('select pg_backend_pid() as pid');
    return result.rows[0]!.pid;
  }
}

/** A service that holds the connection in a field, not as itself. */
class Reports {
  constructor(readonly db: JobsRepository) {}

  @Heal(Reconnect)
  async count(): Promise<number> {
    const result = await this.db.client.query<{ n: number }>('select 1 as n');
    return result.rows[0]!.n;
  }
}

describe('Reconnect against a real PostgreSQL', { skip: requirePostgres() }, () => {
  const kit = useTestKit();
  let admin: Client;
  let repository: JobsRepository;

  before(async () => (admin = await connect()));
  after(() => admin.end());
  beforeEach(async () => {
    repository = new JobsRepository();
    repository.client = await connect();
  });
  afterEach(async () => {
    await repository.client.end().catch(() => undefined);
  });

  async function terminate(pid: number): Promise<void> {
    const result = await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [pid]);
    assert.equal(result.rows[0]!.ok, true);
  }

  it('a connection terminated with pg_terminate_backend is reconnected, and the call succeeds', async () => {
    const before = await repository.backendPid();
    await terminate(before);
    const after = await repository.backendPid();
    assert.notEqual(after, before);
    assert.equal(repository.reconnects, 1);
    const [start] = kit.logs.events('heal.start');
    assert.equal(start?.healer, 'Reconnect');
    assert.match(String((start?.error as { message?: string } | undefined)?.message), LOST);
  });

  it('heals a client that has already noticed its connection is gone ("not queryable")', async () => {
    const before = await repository.backendPid();
    const ended = new Promise((resolve) => repository.client.once('end', resolve));
    await terminate(before);
    await ended;
    assert.notEqual(await repository.backendPid(), before);
    assert.equal(repository.reconnects, 1);
  });

  it('reconnects the resource a `resource` option picks from the service', async () => {
    kit.container.register(Reconnect, {
      useValue: new Reconnect({ resource: (service) => (service as Reports).db }),
    });
    const reports = new Reports(repository);
    await terminate(await repository.backendPid());
    assert.equal(await reports.count(), 1);
    assert.equal(repository.reconnects, 1);
  });

  it('does not match a service that has nothing to reconnect', async () => {
    const reports = new Reports(repository);
    await terminate(await repository.backendPid());
    await assert.rejects(reports.count(), (error: Error) => LOST.test(error.message));
    assert.equal(kit.logs.events('heal.start').length, 0);
  });
});
