/** Time as a dependency: tests pass a fake clock to reach expiry without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
