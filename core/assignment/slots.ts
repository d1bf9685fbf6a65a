import type pg from "pg";

/**
 * Teams' round-robin pointers. A slot is taken by one atomic statement in a transaction of its own,
 * on a pool no job transaction holds: concurrent assignments each get their own slot without
 * waiting for each other's transactions (holding the team row to the end made every intake of a
 * team wait in line), and an open job transaction never waits for a connection of its own pool.
 * The slot's commit does not wait for the disk (a slot lost in a database crash is a turn
 * repeated); a transaction that rolls back after taking a slot leaves it unused: a turn skipped.
 * Team rows are locked FOR NO KEY UPDATE (as an UPDATE of a pointer locks them): a job transaction
 * that has inserted leads of the team holds KEY SHARE on its row (the foreign key) until it
 * commits, and FOR UPDATE waited for it while that job waited for this slot: a deadlock, ended by
 * the detector after a second (deadlock_timeout), seen every ~20 s at 150 leads/s.
 */
export class RoundRobinSlots {
  constructor(private pool: pg.Pool) {}

  /** One round trip: the statements go as one simple query, so the id is written in (checked first). */
  private async run(teamId: string, statement: string) {
    if (!UUID.test(teamId)) throw new Error(`not a team id: ${teamId}`);
    const client = await this.pool.connect();
    try {
      const results = (await client.query(
        `BEGIN; SET LOCAL synchronous_commit = off; ${statement.replace("$team", `'${teamId}'`)}; COMMIT`,
      )) as unknown as pg.QueryResult[];
      client.release();
      return results[2].rows;
    } catch (err) {
      // A failure inside the explicit transaction leaves the connection aborted: it is dropped, not reused.
      client.release(err as Error);
      throw err;
    }
  }

  /** The team's next slot, or null when the team is gone or inactive. */
  take(teamId: string): Promise<{ name: string; position: number } | null> {
    return this.takeMany(teamId, 1);
  }

  /** `n` consecutive slots at once (a batch of leads for the team): the first, or null when the team is gone or inactive. */
  async takeMany(teamId: string, n: number): Promise<{ name: string; position: number } | null> {
    const k = Math.max(1, Math.trunc(n));
    const [row] = await this.run(
      teamId,
      `UPDATE teams SET rr_position = rr_position + ${k} WHERE id = $team AND is_active AND deleted_at IS NULL RETURNING name, rr_position - ${k} AS position`,
    );
    return row ? { name: row.name, position: Number(row.position) } : null;
  }

  /** `n` slots for each of several teams in one statement (the teams locked in id order): each one's first, or null. */
  async takeForTeams(counts: Map<string, number>): Promise<Map<string, { name: string; position: number } | null>> {
    const out = new Map<string, { name: string; position: number } | null>([...counts.keys()].map((id) => [id, null]));
    if (!counts.size) return out;
    for (const id of counts.keys()) if (!UUID.test(id)) throw new Error(`not a team id: ${id}`);
    const values = [...counts].map(([id, n]) => `('${id}'::uuid, ${Math.max(1, Math.trunc(n))})`).join(", ");
    const client = await this.pool.connect();
    try {
      const results = (await client.query(
        `BEGIN; SET LOCAL synchronous_commit = off;
         WITH v(id, n) AS (VALUES ${values}),
              locked AS (SELECT t.id FROM teams t JOIN v USING (id) WHERE t.is_active AND t.deleted_at IS NULL ORDER BY t.id FOR NO KEY UPDATE)
         UPDATE teams t SET rr_position = t.rr_position + v.n FROM v, locked WHERE t.id = v.id AND locked.id = v.id
         RETURNING t.id, t.name, t.rr_position - v.n AS position; COMMIT`,
      )) as unknown as pg.QueryResult[];
      client.release();
      for (const r of results[2].rows) out.set(r.id, { name: r.name, position: Number(r.position) });
      return out;
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
  }

  /** Someone was skipped (away, full, or the least loaded was further on): the pointer moves past who took the lead. */
  async skipTo(teamId: string, next: number): Promise<void> {
    await this.run(teamId, `UPDATE teams SET rr_position = greatest(rr_position, ${Math.trunc(next)}) WHERE id = $team`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A batch's round-robin slots: each team's slots for the batch's leads its rules send there are
 * taken in one statement before the picks, then handed out in turn (a skip moves the batch's own
 * pointer); `finish` moves the team's pointer past the last one used. Same turns as one take per
 * lead, one round trip per team instead.
 */
export class BatchSlots {
  private blocks = new Map<string, { name: string; next: number; end: number } | null>();

  constructor(private slots: RoundRobinSlots) {}

  /** Each team's slots for the batch, all in one statement. */
  async reserveAll(counts: Map<string, number>): Promise<void> {
    for (const [teamId, first] of await this.slots.takeForTeams(counts)) {
      const n = counts.get(teamId)!;
      this.blocks.set(teamId, first && { name: first.name, next: first.position, end: first.position + n });
    }
  }

  async take(teamId: string): Promise<{ name: string; position: number } | null> {
    const block = this.blocks.get(teamId);
    if (block === undefined) return this.slots.take(teamId);
    return block && { name: block.name, position: block.next++ };
  }

  async skipTo(teamId: string, next: number): Promise<void> {
    const block = this.blocks.get(teamId);
    if (block === undefined) return this.slots.skipTo(teamId, next);
    if (block) block.next = Math.max(block.next, next);
  }

  async finish(): Promise<void> {
    for (const [teamId, block] of this.blocks) if (block && block.next > block.end) await this.slots.skipTo(teamId, block.next);
  }
}
