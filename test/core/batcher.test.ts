import { describe, expect, it } from "vitest";
import { Batcher } from "../../core/batcher.ts";

/** A batcher whose batches wait until the test lets them finish, recording what each held. */
function recording(opts = { max: 3, inFlight: 1 }) {
  const batches: string[][] = [];
  const release: (() => void)[] = [];
  const batcher = new Batcher<string, string>(async (key, items) => {
    batches.push(items.map((i) => `${key}:${i}`));
    await new Promise<void>((r) => release.push(r));
    return items.map((i) => (i === "bad" ? new Error("bad item") : i.toUpperCase()));
  }, opts);
  return { batcher, batches, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("group commit (core/batcher.ts)", () => {
  it("when one item arrives alone, then it goes at once as a batch of one", async () => {
    const { batcher, batches, release } = recording();
    const answer = batcher.submit("t", "a");
    await tick();
    expect(batches).toEqual([["t:a"]]);
    release.shift()!();
    expect(await answer).toBe("A");
  });

  it("when items arrive while a batch runs, then they wait and go together in the next, up to the maximum", async () => {
    const { batcher, batches, release } = recording();
    const first = batcher.submit("t", "a");
    await tick();
    const later = ["b", "c", "d", "e"].map((i) => batcher.submit("t", i));
    await tick();
    expect(batches).toEqual([["t:a"]]);
    release.shift()!();
    await first;
    await tick();
    expect(batches[1]).toEqual(["t:b", "t:c", "t:d"]);
    release.shift()!();
    await tick();
    await tick();
    expect(batches[2]).toEqual(["t:e"]);
    release.shift()!();
    expect(await Promise.all(later)).toEqual(["B", "C", "D", "E"]);
  });

  it("when keys differ, then their batches run apart; an item's error fails that item alone", async () => {
    const { batcher, batches, release } = recording({ max: 10, inFlight: 1 });
    const x = batcher.submit("x", "ok");
    const bad = batcher.submit("y", "bad");
    const y = batcher.submit("y", "fine");
    await tick();
    expect(batches).toEqual([["x:ok"], ["y:bad", "y:fine"]]);
    release.forEach((r) => r());
    expect(await x).toBe("OK");
    await expect(bad).rejects.toThrow("bad item");
    expect(await y).toBe("FINE");
  });
});
