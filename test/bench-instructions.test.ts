import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInstructionArgs, UsageError } from '../bench/instructions/args';
import { largestDifferences, perCall, selfCosts, total } from '../bench/instructions/attribution';
import { eventsPerCall, summaryEvents } from '../bench/instructions/events';
import { PerfMap } from '../bench/instructions/perfMap';
import { valgrindPid } from '../bench/instructions/valgrind';

// Shaped like `callgrind_annotate --inclusive=no --show-percs=no` and a --perf-basic-prof map.
const ANNOTATED = (scale: number) => `
--------------------------------------------------------------------------------
Ir
--------------------------------------------------------------------------------
${2000 * scale}  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                   file:function
--------------------------------------------------------------------------------
${400 * scale}  ???:0x0000000000001010 [???]
${300 * scale}  ???:0x0000000000001080 [???]
${200 * scale}  ???:0x0000000000002000 [???]
${100 * scale}  ???:0x0000000000009000 [???]
${500 * scale}  ???:v8::internal::Runtime::GetObjectProperty(v8::internal::Isolate*, bool*) [/usr/bin/node]
${250 * scale}  ???:v8::internal::(anonymous namespace)::IterateObjectCache(v8::internal::Isolate*) [/usr/bin/node]
${150 * scale}  ???:Builtins_RunMicrotasks [/usr/bin/node]
${100 * scale}  ./malloc/./malloc/malloc.c:_int_free [/usr/lib/x86_64-linux-gnu/libc.so.6]
`;

const MAP = new PerfMap(
  [
    '1000 100 JS:~runLoop /repo/dist/src/call/AttemptLoop.js:239:23',
    '1000 40 JS:*runLoop /repo/dist/src/call/AttemptLoop.js:239:23',
    '1040 60 JS:^delayFor /repo/dist/src/retry/RetryStage.js:89:13',
    '2000 20 Builtin:RunMicrotasks',
    'not a map line',
  ].join('\n'),
);

describe('bench:instructions', () => {
  it('parses a subject, an optional subject to compare with, and options', () => {
    assert.deepEqual(parseInstructionArgs(['stack']), { subject: 'stack', against: 'bare', profile: false, cache: false, top: 30, warmup: 30_000 });
    assert.deepEqual(parseInstructionArgs(['breaker-closed', 'stack', '--profile', '--top', '10']), {
      subject: 'breaker-closed',
      against: 'stack',
      profile: true,
      cache: false,
      top: 10,
      warmup: 30_000,
    });
    assert.throws(() => parseInstructionArgs([]), UsageError);
    assert.throws(() => parseInstructionArgs(['a', 'b', 'c']), UsageError);
    assert.throws(() => parseInstructionArgs(['a', '--top', 'many']), UsageError);
    assert.throws(() => parseInstructionArgs(['a', '--bogus']), UsageError);
    assert.equal(parseInstructionArgs(['a', 'b', '--cache']).cache, true);
    assert.throws(() => parseInstructionArgs(['a', '--cache', '--profile']), /--profile attributes instructions alone/);
  });

  it("reads instructions, and with cache simulation the misses, from cachegrind's summary", () => {
    const summary = (scale: number) =>
      [
        `==17== I   refs:      ${(2_000_000 * scale).toLocaleString('en')}`,
        `==17== D1  misses:       ${(30_000 * scale).toLocaleString('en')}  ( ${(20_000 * scale).toLocaleString('en')} rd   +   ${(10_000 * scale).toLocaleString('en')} wr)`,
        `==17== LLd misses:        ${(900 * scale).toLocaleString('en')}  (    ${(200 * scale).toLocaleString('en')} rd   +     ${(700 * scale).toLocaleString('en')} wr)`,
        `==17== Mispredicts:      ${(5_000 * scale).toLocaleString('en')}  ( ${(4_000 * scale).toLocaleString('en')} cond +   ${(1_000 * scale).toLocaleString('en')} ind)`,
      ].join('\n');
    assert.deepEqual(Object.fromEntries(summaryEvents(summary(1), false)), { instructions: 2_000_000 });
    const perCallEvents = eventsPerCall(summaryEvents(summary(1), true), summaryEvents(summary(3), true), 1_000);
    assert.deepEqual(Object.fromEntries(perCallEvents), {
      instructions: 4_000,
      'L1 data read misses': 40,
      'L1 data write misses': 20,
      'last-level data misses': 1.8,
      'branch mispredictions': 10,
    });
    assert.throws(() => summaryEvents('==17== I   refs:      12', true), /no L1 data read misses/);
    assert.throws(() => summaryEvents('valgrind: command not found', false), /no "I refs"/);
  });

  it('names an address by the map entry written last that covers it', () => {
    assert.equal(MAP.size, 4);
    assert.equal(MAP.lookup(0x1010), 'JS:*runLoop /repo/dist/src/call/AttemptLoop.js:239:23');
    assert.equal(MAP.lookup(0x1080), 'JS:^delayFor /repo/dist/src/retry/RetryStage.js:89:13');
    assert.equal(MAP.lookup(0x1100), undefined);
  });

  it('groups self costs by function: tiers together, builtins as Builtins_, native code without parameters', () => {
    const costs = selfCosts(ANNOTATED(1), MAP, '/repo');
    assert.deepEqual(Object.fromEntries(costs), {
      'JS:runLoop dist/src/call/AttemptLoop.js:239:23': 400,
      'JS:delayFor dist/src/retry/RetryStage.js:89:13': 300,
      Builtins_RunMicrotasks: 350,
      'JIT:unknown': 100,
      'v8::internal::Runtime::GetObjectProperty [C++]': 500,
      'v8::internal::{anonymous}::IterateObjectCache [C++]': 250,
      '_int_free [libc.so.6]': 100,
    });
    assert.equal(total(costs), 2000);
  });

  it('takes the per-call difference of two runs and ranks functions by how much two subjects differ', () => {
    const subject = perCall(selfCosts(ANNOTATED(1), MAP, '/repo'), selfCosts(ANNOTATED(3), MAP, '/repo'), 100);
    assert.equal(total(subject), 40);
    const against = new Map([['v8::internal::Runtime::GetObjectProperty [C++]', 12], ['only there', 1]]);
    const rows = largestDifferences(subject, against, 3);
    assert.deepEqual(rows.map((row) => [row.name, row.difference]), [
      ['JS:runLoop dist/src/call/AttemptLoop.js:239:23', 8],
      ['Builtins_RunMicrotasks', 7],
      ['JS:delayFor dist/src/retry/RetryStage.js:89:13', 6],
    ]);
    assert.deepEqual(rows[0], { name: 'JS:runLoop dist/src/call/AttemptLoop.js:239:23', subject: 8, against: 0, difference: 8 });
  });

  it("reads the node's pid from valgrind's line prefix", () => {
    assert.equal(valgrindPid('==4242== Callgrind, a call-graph generating cache profiler\n==4242== \n'), 4242);
    assert.equal(valgrindPid('valgrind: command not found'), undefined);
  });
});
