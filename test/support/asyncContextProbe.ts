/**
 * A process that uses mendkit's stages and prints how much it used AsyncLocalStorage, as JSON.
 * `node asyncContextProbe.js plain` uses @Retry, @Catch and @Timeout only (retry lines logged
 * included); `logged` adds @Logged, as a check that the count sees real use; `logged-off` adds
 * @Logged with the logger at `critical`, where no line of the call can be written.
 */
import { asyncLocalStorageUse } from './countAsyncLocalStorage';
import 'reflect-metadata';
import { Catch } from '../../decorators/Catch';
import { Logged } from '../../decorators/Logged';
import { Retry } from '../../decorators/Retry';
import { Timeout } from '../../decorators/Timeout';
import { fixed } from '../../src/backoff/fixed';
import { errors } from '../../src/matching/errors';
import { createTestKit } from '../../src/testing/createTestKit';

const mode = process.argv[2];
const withLogged = mode === 'logged' || mode === 'logged-off';
const maybeLogged: MethodDecorator = withLogged ? (Logged() as MethodDecorator) : () => undefined;

class Service {
  calls = 0;

  @maybeLogged
  @Catch(errors.fileNotFound, 'fallback')
  @Retry({ attempts: 3, backoff: fixed(5) })
  @Timeout(1000)
  async run(): Promise<string> {
    this.calls += 1;
    await Promise.resolve();
    if (this.calls === 1) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  }

  fallback(): string {
    return 'fallback';
  }
}

async function main(): Promise<void> {
  const kit = createTestKit({ autoAdvance: true });
  if (mode === 'logged-off') kit.logger.level = 'critical';
  const result = await new Service().run();
  const events = kit.logs.entries.map((entry) => entry.event);
  kit.dispose();
  process.stdout.write(JSON.stringify({ result, events, ...asyncLocalStorageUse }));
}

void main();
