import { sendJson } from '../serve/respond';
import type { RouteSet } from '../serve/ServeContext';
import { historyWritable, jobsRegistered, redisReachable } from './readinessChecks';

/**
 * `GET /healthz` (liveness: the process answers and its scheduler is ticking; 503 while it is not
 * started or is stopping) and `GET /readyz` (readiness: jobs registered, history writable, Redis
 * reachable under `--redis`; 503 naming the failed check). JSON bodies, for probes and people.
 */
export const healthRoutes: RouteSet = (server, context) => {
  server.route(
    {
      method: 'GET',
      path: '/healthz',
      handle: (_request, _req, res) => {
        const ticking = context.scheduler?.running ?? true;
        sendJson(res, ticking ? 200 : 503, {
          status: ticking ? 'ok' : 'failing',
          scheduler: context.scheduler === undefined ? 'absent' : ticking ? 'running' : 'not running',
          uptimeSeconds: Math.round(process.uptime()),
        });
      },
    },
    {
      method: 'GET',
      path: '/readyz',
      handle: async (_request, _req, res) => {
        const [history, redis] = await Promise.all([historyWritable(context), redisReachable(context)]);
        const checks = { jobs: jobsRegistered(context), history, ...(redis === undefined ? {} : { redis }) };
        const ready = Object.values(checks).every((check) => check.ok);
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks });
      },
    },
  );
};
