// The names the documentation's TypeScript blocks use without defining them: your program's own
// classes, services and values, which a snippet stands beside. test/docs-snippets.test.ts
// compiles every ```ts block of README.md and docs/ with this file beside it; anything mendkit
// exports must be imported by the block itself, as a reader's code would.

/** Your metrics client. */
declare const metrics: {
  increment(name: string): void;
  gauge(name: string, value: string, tags?: Readonly<Record<string, string>>): void;
};

/** Your HTTP framework (Express, say). */
declare const app: {
  get(path: string, handler: (req: unknown, res: { json(body: unknown): void }) => void): void;
};

/** Your database client, and other steps of your program. */
declare const db: { query(sql: string): Promise<unknown> };
declare function upload(path: string): Promise<void>;
declare function exec(command: string): Promise<void>;
declare const report: unknown;

/** Your own TokenProvider and winston logger. */
declare const myTokens: import('mendkit').TokenProvider;
declare const myWinstonLogger: import('winston').Logger;

/** A repository holding a connection, for the Reconnect healer. */
declare class Repo {
  readonly db: import('mendkit').Reconnectable;
}

/** The endpoints a failover healer switches between. */
declare class Endpoints {
  active: string;
  readonly primary: string;
  readonly secondary: string;
}

/** Classes of your program that other blocks define or decorate. */
declare class ApiClient {
  upload(path: string): Promise<void>;
}
declare class Inventory {
  sync(): Promise<void>;
}
declare class ReportFetcher {
  fetchReport(url: string): Promise<{ rows: number }>;
}
declare const sync: { run(): Promise<void> };

/** `@Job` classes of your program. */
declare class DbBackupJob {
  run(context: import('mendkit').JobContext): Promise<void>;
}
declare class ApiSyncJob {
  run(context: import('mendkit').JobContext): Promise<void>;
}
