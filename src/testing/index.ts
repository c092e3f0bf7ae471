/**
 * `mendkit/testing`: helpers for testing code that uses mendkit.
 * @module mendkit/testing
 */
// Before tsyringe loads, as the main entry does: a program may import this entry first.
import '../reflectGuard';

export { createTestKit, type TestKit } from './createTestKit';
export { FakeClock, type FakeClockOptions } from './FakeClock';
export { type LogEntry, MemoryTransport } from './MemoryTransport';
export {
  type FlakyAnswer,
  flakyHttpServer,
  type FlakyHttpServer,
  type FlakyResponse,
  type ReceivedRequest,
  refusedUrl,
} from './flakyHttpServer';
export { NOBODY, type NobodyRun, runAsNobody, type RunAsNobodyOptions } from './runAsNobody';
export { type SmallDisk, smallDisk, type SmallDiskOptions } from './smallDisk';
export { type TempDir, tempDir } from './tempDir';
export { MemoryRunHistory } from '../jobs/MemoryRunHistory';
