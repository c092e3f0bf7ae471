/** `mendkit/testing`: helpers for testing code that uses mendkit. */
export { createTestKit, type TestKit } from './createTestKit';
export { FakeClock, type FakeClockOptions } from './FakeClock';
export { type LogEntry, MemoryTransport } from './MemoryTransport';
export { MemoryRunHistory } from './MemoryRunHistory';
