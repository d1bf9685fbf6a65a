import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/**
 * Thin routes, measured (docs/architecture.md): every file of the REST and report routes stays short enough to
 * read (one resource, or a small group of closely tied routes, per file), and api/app.ts reads as
 * the URL map, one mount per path, with no router hidden behind a mount at "/".
 */
const MAX_LINES = 200;
const root = fileURLToPath(new URL("../../", import.meta.url));
const filesUnder = (dir: string) =>
  readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
const lines = (file: string) => readFileSync(join(root, file), "utf8").split("\n").length - 1;

describe("route files", () => {
  it(`when the route files are measured, then none under api/rest or api/reports is over ${MAX_LINES} lines`, () => {
    const files = [...filesUnder("api/rest"), ...filesUnder("api/reports")];
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => lines(f) > MAX_LINES).map((f) => `${f}: ${lines(f)} lines`)).toEqual([]);
  });

  it('when api/app.ts is read, then no router is mounted at "/" and no path is mounted twice', () => {
    const app = readFileSync(join(root, "api/app.ts"), "utf8");
    expect(app).not.toMatch(/\bapi\.use\(\s*["'`]\/["'`]/);
    const mounts = [...app.matchAll(/\bapi\.use\(\s*["'`]([^"'`]+)["'`]/g)].map((m) => m[1]);
    expect(mounts.length).toBeGreaterThan(30);
    expect(mounts.filter((p, i) => mounts.indexOf(p) !== i)).toEqual([]);
  });
});
