import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parameterNames } from '../src/logged/parameterNames';

describe("@Logged's parameter names", () => {
  it('reads parameter names from the method as written, defaults, destructuring and rest included', () => {
    assert.deepEqual(parameterNames(function (path: string, { a }: { a: number } = { a: 1 }, ...rest: unknown[]) {
      return [path, a, rest];
    }), { names: ['path', 'arg1', 'rest'], rest: true });
    assert.deepEqual(parameterNames((x: number) => x), { names: ['x'], rest: false });
    assert.deepEqual(parameterNames(function (a = '(,)', b = [1, 2]) { return [a, b]; }), { names: ['a', 'b'], rest: false });
  });
});
