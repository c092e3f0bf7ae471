import type { IncomingMessage, ServerResponse } from 'node:http';
import { UnknownJobError } from '../errors/UnknownJobError';
import type { RunRecord } from '../jobs/RunRecord';
import type { Scheduler } from '../jobs/Scheduler';
import { errorMessage } from '../matching/errorFacts';
import type { RouteRequest } from '../serve/HttpRoute';
import type { HttpServer } from '../serve/HttpServer';
import { sendBody, sendJson } from '../serve/respond';
import type { ServeContext } from '../serve/ServeContext';
import { breakersView } from './breakersView';
import { chaosRoutes } from './chaosRoutes';
import { dashboardAsset } from './dashboardAssets';
import { jobsView } from './jobsView';
import { RunFeed } from './RunFeed';
import { parseRunsQuery } from './runsQuery';

/** How many runs per job the jobs view summarises when not told (`?window=`). */
const DEFAULT_WINDOW = 20;
const MAX_WINDOW = 200;

type JobAction = 'run' | 'pause' | 'resume';

/** Reads the history for a response; a history that cannot be read is a 503 that says why, not a 500. */
async function fromHistory(res: ServerResponse, read: () => Promise<unknown>): Promise<void> {
  let body: unknown;
  try {
    body = await read();
  } catch (error) {
    return sendJson(res, 503, { error: `cannot read the run history: ${errorMessage(error)}` });
  }
  sendJson(res, 200, body);
}

function windowOf(url: URL): number {
  const raw = Number(url.searchParams.get('window') ?? DEFAULT_WINDOW);
  return Number.isSafeInteger(raw) && raw >= 1 ? Math.min(raw, MAX_WINDOW) : DEFAULT_WINDOW;
}

/** Runs, pauses or resumes a job of this process's scheduler. */
function jobAction(scheduler: Scheduler | undefined, action: JobAction) {
  return ({ params }: RouteRequest, _req: IncomingMessage, res: ServerResponse): void => {
    if (scheduler === undefined) {
      return sendJson(res, 409, { error: 'this dashboard only reads a history: actions need the scheduler itself (mendkit start --http)' });
    }
    const name = params.name!;
    try {
      if (action === 'run') {
        // The run is recorded whatever happens, and shows up in the run feed when it ends.
        scheduler.runNow(name).catch(() => undefined);
        return sendJson(res, 202, { job: name, started: true });
      }
      if (action === 'pause') scheduler.pause(name);
      else scheduler.resume(name);
      sendJson(res, 200, { job: name, paused: scheduler.isPaused(name) });
    } catch (error) {
      if (error instanceof UnknownJobError) return sendJson(res, 404, { error: error.message });
      throw error;
    }
  };
}

/**
 * The dashboard: its page and assets at `/` and `/assets/`, the JSON API under `/api/` (jobs, runs
 * paged and filtered, breakers and bulkheads, chaos reports, a Server-Sent Events feed of runs) and the actions
 * run now, pause and resume, which need the server's token.
 */
export function dashboardRoutes(server: HttpServer, context: ServeContext): void {
  const { history, scheduler } = context;
  const feed = new RunFeed(history);
  const asset = async (name: string, res: ServerResponse) => {
    const found = await dashboardAsset(name);
    if (found === undefined) return sendJson(res, 404, { error: `no such asset: ${name}` });
    sendBody(res, 200, found.type, found.body);
  };
  server.route(
    { method: 'GET', path: '/', handle: (_request, _req, res) => asset('index.html', res) },
    { method: 'GET', path: '/assets/:file', handle: ({ params }, _req, res) => asset(params.file!, res) },
    {
      method: 'GET',
      path: '/api/info',
      handle: (_request, _req, res) =>
        sendJson(res, 200, { actions: server.acceptsActions && scheduler !== undefined, scheduler: scheduler !== undefined, source: context.redisUrl === undefined ? 'files' : 'redis' }),
    },
    { method: 'GET', path: '/api/jobs', handle: ({ url }, _req, res) => fromHistory(res, async () => ({ jobs: await jobsView(history, scheduler, windowOf(url)) })) },
    {
      method: 'GET',
      path: '/api/runs',
      handle: ({ url }, _req, res) => {
        let query: ReturnType<typeof parseRunsQuery>;
        try {
          query = parseRunsQuery(url.searchParams);
        } catch (error) {
          return sendJson(res, 400, { error: errorMessage(error) });
        }
        return fromHistory(res, async () => {
          const skipped = { torn: 0, 'not a run record': 0 };
          const read: RunRecord[] = await history.read({ ...query.history, onSkipped: (reason) => (skipped[reason] += 1) });
          const runs = read.reverse();
          return { runs: runs.slice(0, query.size), page: query.page, size: query.size, hasMore: runs.length > query.size, skipped };
        });
      },
    },
    { method: 'GET', path: '/api/events', handle: ({ signal }, _req, res) => feed.subscribe(res, signal) },
    { method: 'GET', path: '/api/breakers', handle: (_request, _req, res) => sendJson(res, 200, breakersView()) },
    { method: 'POST', path: '/api/jobs/:name/run', action: true, handle: jobAction(scheduler, 'run') },
    { method: 'POST', path: '/api/jobs/:name/pause', action: true, handle: jobAction(scheduler, 'pause') },
    { method: 'POST', path: '/api/jobs/:name/resume', action: true, handle: jobAction(scheduler, 'resume') },
  );
  chaosRoutes(server, context);
}
