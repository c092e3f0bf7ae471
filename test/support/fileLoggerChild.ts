import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'fileLogger.js');
/** Bounds a hang only: every wait below ends as soon as what it waits for happens. */
const DEADLINE_MS = 30_000;

type Reply = { readonly ready?: true; readonly logged?: number; readonly ended?: true };

/** The `fileLogger` fixture in a child process: what it printed, and commands to drive it. */
export class FileLoggerChild {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private readonly replies: Reply[] = [];
  private wake: (() => void) | undefined;

  private constructor(private readonly child: ChildProcess) {
    const collect = (into: string[]) => {
      let partial = '';
      return (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop()!;
        into.push(...lines);
        this.wake?.();
      };
    };
    child.stdout!.setEncoding('utf8').on('data', collect(this.stdout));
    child.stderr!.setEncoding('utf8').on('data', collect(this.stderr));
    child.on('message', (reply: Reply) => {
      this.replies.push(reply);
      this.wake?.();
    });
    child.on('exit', () => this.wake?.());
  }

  /** Starts the fixture with `createLogger(options)` (plus `retryMs`, a fixed backoff). */
  static async start(options: object): Promise<FileLoggerChild> {
    const child = new FileLoggerChild(fork(FIXTURE, [JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
    await child.until(() => child.replies.some((reply) => reply.ready), 'the fixture to start');
    return child;
  }

  /** Logs lines `from`…`to - 1` and waits until the child has logged them. */
  async log(from: number, to: number): Promise<void> {
    this.child.send({ log: { from, to } });
    await this.until(() => this.replies.some((reply) => reply.logged === to), `lines up to ${to}`);
  }

  /** Ends the logger, waits for its file to be written and for the child to exit. */
  async end(): Promise<void> {
    this.child.send({ end: true });
    if (this.child.exitCode === null) await once(this.child, 'exit');
  }

  /** The first stderr line matching `pattern`, once there is one. */
  async stderrLine(pattern: RegExp): Promise<string> {
    await this.until(() => this.stderr.some((line) => pattern.test(line)), `a stderr line matching ${pattern}`);
    return this.stderr.find((line) => pattern.test(line))!;
  }

  /** Sends the child a signal (SIGHUP: logrotate's `postrotate`). */
  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + DEADLINE_MS;
    while (!done()) {
      if (this.child.exitCode !== null) throw new Error(`the fixture exited (${this.child.exitCode}) before ${what}; stderr: ${this.stderr.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${DEADLINE_MS} ms; stderr: ${this.stderr.join('\n')}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 200);
      });
    }
  }
}
