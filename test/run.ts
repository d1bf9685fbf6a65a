/**
 * `npm test`: type-check, build the console, run every vitest file (unit, integration against real
 * PostgreSQL and Redis, browser tests in Chromium), then print `N passed, N failed` as the last line.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "inherit", env: process.env }).status ?? 1;

let passed = 0;
let failed = 0;

console.log("\n== type-check (tsc --noEmit)");
if (run("npx", ["tsc", "--noEmit", "-p", "."]) === 0) passed++;
else failed++;

console.log("\n== build the console (vite)");
if (run("npx", ["vite", "build", "--config", "admin/vite.config.ts", "--logLevel", "warn"]) === 0) passed++;
else failed++;

console.log("\n== vitest");
const out = join(mkdtempSync(join(tmpdir(), "leadhub-test-")), "results.json");
const status = run("npx", ["vitest", "run", "--config", "test/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)]);
if (existsSync(out)) {
  const results = JSON.parse(readFileSync(out, "utf8")) as { numPassedTests: number; numFailedTests: number; testResults: { status: string; assertionResults: unknown[] }[] };
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that failed to load has no test results of its own: count it as one failure.
  failed += results.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
} else if (status !== 0) {
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
