import type { Logger } from 'winston';
import type TransportStream from 'winston-transport';

/**
 * Ends `logger` and waits, at most `timeoutMs`, for each of its transports to finish what it
 * holds (lines buffered for a file, an alert being delivered). A transport still busy by then is
 * destroyed with an error saying so, for it to report what it gives up. Call it last, before a
 * program exits: nothing can be logged to `logger` afterwards.
 * @example const late = await closeLogger(logger, 5000); // then process.exit(code)
 * @returns the transports that had not finished in time.
 */
export async function closeLogger(logger: Logger, timeoutMs: number): Promise<readonly TransportStream[]> {
  const transports = [...logger.transports];
  const finished = new Set<TransportStream>();
  const waits = transports.map(
    (transport) =>
      new Promise<void>((resolve) => {
        const done = () => {
          finished.add(transport);
          resolve();
        };
        if (transport.writableFinished) done();
        else transport.once('finish', done).once('close', done);
      }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  logger.end();
  await Promise.race([Promise.all(waits), timeUp]);
  clearTimeout(timer);
  const late = transports.filter((transport) => !finished.has(transport));
  // A transport without a destroy of its own emits the error; winston would re-emit it and, with
  // no listener, end the process mid-exit.
  if (late.length > 0) logger.on('error', () => undefined);
  for (const transport of late) transport.destroy(new Error(`still busy ${timeoutMs} ms after the program ended`));
  return late;
}
