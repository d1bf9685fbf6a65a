/**
 * Group commit for jobs: each job hands in its item and awaits its own answer; items that arrive
 * while a batch is being written wait for the next one, which takes all of them (up to `max`). So
 * the batch size follows the load: a lone item goes at once as a batch of one, a flood goes in
 * batches of hundreds. Items are grouped by a key (the tenant) and up to `inFlight` batches of a key
 * run at once, so one batch's database round trips overlap the next one's preparation.
 */
export class Batcher<T, R> {
  private queues = new Map<string, { items: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[]; running: number }>();

  constructor(
    private readonly run: (key: string, items: T[]) => Promise<(R | Error)[]>,
    private readonly opts: { max: number; inFlight: number },
  ) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let q = this.queues.get(key);
      if (!q) this.queues.set(key, (q = { items: [], running: 0 }));
      q.items.push({ item, resolve, reject });
      // Items handed in during this turn of the event loop join the same batch.
      if (q.items.length === 1 && q.running < this.opts.inFlight) setImmediate(() => this.flush(key));
    });
  }

  private flush(key: string): void {
    const q = this.queues.get(key);
    if (!q || !q.items.length || q.running >= this.opts.inFlight) return;
    const batch = q.items.splice(0, this.opts.max);
    q.running++;
    this.run(
      key,
      batch.map((b) => b.item),
    )
      .then(
        (answers) => batch.forEach((b, i) => (answers[i] instanceof Error ? b.reject(answers[i]) : b.resolve(answers[i] as R))),
        (err) => batch.forEach((b) => b.reject(err)),
      )
      .finally(() => {
        q.running--;
        if (q.items.length) this.flush(key);
        else if (!q.running) this.queues.delete(key);
      });
    if (q.items.length) this.flush(key);
  }
}
