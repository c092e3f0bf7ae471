import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';

/**
 * Whether the test may go on: true as root (mounts, real ENOSPC). Otherwise it skips with the
 * reason — or fails, when MENDKIT_REQUIRE_SERVICES=1 (CI) says every real fault must be tested.
 */
export function runsAsRoot(t: TestContext, needs: string): boolean {
  if (process.getuid?.() === 0) return true;
  const reason = `needs root for ${needs}`;
  if (process.env.MENDKIT_REQUIRE_SERVICES === '1') assert.fail(`${reason}, and MENDKIT_REQUIRE_SERVICES=1`);
  t.skip(reason);
  return false;
}
