/** Time as a dependency, so schedules and SLAs are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
