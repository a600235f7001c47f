import type { Clock } from '../src/clock.ts';

/** A clock that stands still until told to move; for tests of expiry and grace windows. */
export function createFakeClock(start = new Date('2026-01-01T00:00:00Z')): Clock & { advance(seconds: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(seconds: number) {
      current += seconds * 1000;
    },
  };
}
