/**
 * Group commit, per key (a tenant): the first item starts a batch at once (a lone item is a batch
 * of one, no added wait); items that arrive while a batch runs wait and go together in the next,
 * up to `max`. `run` settles every item it is given; should it throw, its items are rejected.
 */
export class GroupCommit<T extends { reject(err: unknown): void }> {
  private lanes = new Map<string, T[]>();

  constructor(
    private max: number,
    private run: (key: string, items: T[]) => Promise<void>,
  ) {}

  push(key: string, item: T): void {
    const waiting = this.lanes.get(key);
    if (waiting) return void waiting.push(item);
    const lane = [item];
    this.lanes.set(key, lane);
    // setImmediate, not a timer: jobs the worker took in the same tick join, nobody waits for a clock.
    setImmediate(() => void this.drain(key, lane));
  }

  private async drain(key: string, lane: T[]) {
    while (lane.length) {
      const batch = lane.splice(0, this.max);
      await this.run(key, batch).catch((err) => batch.forEach((i) => i.reject(err)));
    }
    this.lanes.delete(key);
  }
}
