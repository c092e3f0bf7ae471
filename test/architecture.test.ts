import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';

/**
 * mendkit's layers, lowest first. A file may import its own layer and the ones below it, never
 * one above: data flows one way, from a decorator's metadata to a running call. Each entry is a
 * folder of `src/` (or a file at its root); a new folder fails this test until it is placed here.
 */
const LAYERS: readonly { readonly name: string; readonly why: string; readonly members: readonly string[] }[] = [
  {
    name: 'base',
    why: 'knows nothing of calls: errors, options checks, time, backoff, matchers, HTTP errors, metadata access, the container, log lines and files',
    members: ['errors', 'config', 'support', 'clock', 'backoff', 'matching', 'http', 'metadata', 'di', 'logging', 'files', 'reflectGuard.ts'],
  },
  {
    name: 'call model',
    why: 'one call and its attempts, what a stage is (its descriptor), currentCall(), undo steps: what every stage builds on',
    members: ['call'],
  },
  {
    name: 'features',
    why: 'one folder per stage, each exporting its stage descriptor; features never import one another (they talk through call events and log events)',
    members: ['retry', 'catch', 'coalesce', 'timeout', 'heal', 'breaker', 'bulkhead', 'logged', 'faults', 'jobrun'],
  },
  {
    name: 'assembly',
    why: 'the stage order (written once), the metadata reader, building and wrapping a pipeline',
    members: ['pipeline'],
  },
  {
    name: 'runtime',
    why: 'what runs methods for the user: jobs and the scheduler, BullMQ, the HTTP server, the CLI, chaos runs, alerts, the testing kit',
    members: ['jobs', 'bullmq', 'serve', 'cli', 'chaos', 'alerts', 'testing'],
  },
  {
    name: 'entry',
    why: 'the public entry points, which re-export the decorators and everything public',
    members: ['index.ts'],
  },
];

/**
 * Imports that point up a layer, each with the reason it must. Keep this list short (the goal
 * is at most five); an entry that no longer matches any import fails the test.
 */
const ALLOWED_UPWARD: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [];

const root = resolve(__dirname, '..', '..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every relative import of `file`, resolved to a source file (static, type-only, re-exports, dynamic). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = resolve(dirname(file), match[1]!.replace(/\.js$/, ''));
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    if (target !== undefined) found.push(target);
  }
  return found;
}

/** `src/retry/RetryStage.ts` → `retry`; a file at the root of src is its own member. */
function memberOf(file: string): string | undefined {
  const path = relative(src, file);
  if (path.startsWith('..')) return undefined; // decorators/: above everything in src
  return path.split(sep)[0]!;
}

function layerOf(member: string): number {
  return LAYERS.findIndex((layer) => layer.members.includes(member));
}

const files = sources(src);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const show = (file: string) => relative(root, file);

describe('architecture', () => {
  it('places every folder of src/ in exactly one layer', () => {
    const members = new Set(files.map((file) => memberOf(file)!));
    for (const member of members) assert.notEqual(layerOf(member), -1, `src/${member} is in no layer: add it to LAYERS`);
    const listed = LAYERS.flatMap((layer) => layer.members);
    assert.equal(new Set(listed).size, listed.length, 'a member is listed in two layers');
  });

  it('has no import from a lower layer to a higher one, and no feature importing another', () => {
    const used = new Set<string>();
    const violations: string[] = [];
    for (const [file, imports] of graph) {
      const from = memberOf(file)!;
      for (const target of imports) {
        const to = memberOf(target);
        if (to === undefined || to === from) continue;
        const [fromLayer, toLayer] = [layerOf(from), layerOf(to)];
        const upward = toLayer > fromLayer;
        const sideways = fromLayer === toLayer && LAYERS[fromLayer]!.name === 'features';
        if (!upward && !sideways) continue;
        const allowed = ALLOWED_UPWARD.find((entry) => entry.from === show(file) && entry.to === show(target));
        if (allowed) used.add(`${allowed.from} -> ${allowed.to}`);
        else violations.push(`${show(file)} (${LAYERS[fromLayer]!.name}) imports ${show(target)} (${LAYERS[toLayer]!.name})`);
      }
    }
    assert.deepEqual(violations, []);
    const stale = ALLOWED_UPWARD.filter((entry) => !used.has(`${entry.from} -> ${entry.to}`));
    assert.deepEqual(stale, [], 'an allowed upward import no longer exists: remove it from ALLOWED_UPWARD');
    assert.ok(ALLOWED_UPWARD.length <= 5, 'at most five upward imports');
  });

  it('has no import circle', () => {
    // Tarjan's strongly connected components: any component of two or more files is a circle.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (file: string): void => {
      index.set(file, counter);
      low.set(file, counter++);
      stack.push(file);
      onStack.add(file);
      for (const target of graph.get(file) ?? []) {
        if (!index.has(target)) {
          visit(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (onStack.has(target)) {
          low.set(file, Math.min(low.get(file)!, index.get(target)!));
        }
      }
      if (low.get(file) === index.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(show(member));
        } while (member !== file);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const file of graph.keys()) if (!index.has(file)) visit(file);
    assert.deepEqual(circles, []);
  });
});
