import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { listChaosReports } from '../chaos/listChaosReports';
import { errorMessage } from '../matching/errorFacts';
import type { HttpServer } from '../serve/HttpServer';
import { sendJson } from '../serve/respond';
import type { ServeContext } from '../serve/ServeContext';

/** The policy a saved report declares for itself: its own inline script and style, by hash. */
const DECLARED_POLICY = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/;

/**
 * The chaos reports `mendkit chaos --state-dir` saved: the list (`GET /api/chaos`) and each
 * report's page (`GET /chaos/:id`), served under the policy the page declares — its inline
 * Chart.js and script by hash, nothing else — since the server's own policy allows no inline
 * script. Only a listed report is served, so an id can never name another file.
 */
export function chaosRoutes(server: HttpServer, { stateDir }: ServeContext): void {
  const reports = () => (stateDir === undefined ? Promise.resolve([]) : listChaosReports(stateDir));
  server.route(
    {
      method: 'GET',
      path: '/api/chaos',
      handle: async (_request, _req, res) => {
        try {
          const found = await reports();
          sendJson(res, 200, { reports: found.map(({ htmlPath: _html, jsonPath: _json, ...entry }) => entry) });
        } catch (error) {
          sendJson(res, 503, { error: `cannot list the chaos reports: ${errorMessage(error)}` });
        }
      },
    },
    {
      method: 'GET',
      path: '/chaos/:id',
      handle: async ({ params }, _req, res: ServerResponse) => {
        const entry = (await reports()).find((report) => report.id === params.id);
        if (entry === undefined) return sendJson(res, 404, { error: `no chaos report ${params.id}` });
        const html = await readFile(entry.htmlPath, 'utf8').catch(() => undefined);
        const policy = html === undefined ? undefined : DECLARED_POLICY.exec(html)?.[1];
        if (html === undefined || policy === undefined) return sendJson(res, 404, { error: `the chaos report ${params.id} has no readable page` });
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': Buffer.byteLength(html),
          'content-security-policy': `${policy}; frame-ancestors 'none'`,
        });
        res.end(html);
      },
    },
  );
}
