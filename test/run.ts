/**
 * `npm test`: the checks (type-check, the walls between folders, lint, layout), the console's build, then
 * every vitest file (unit, integration against real PostgreSQL and Redis, browser tests in Chromium).
 * Each check counts as one test; the last line is `N passed, N failed`. `npm run typecheck`, `boundaries`,
 * `lint` and `format:check` run one check alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "inherit", env: process.env }).status ?? 1;

let passed = 0;
let failed = 0;

const npmRun = (script: string): [string, string[]] => ["npm", ["run", "--silent", script]];
const checks: [title: string, command: [string, string[]]][] = [
  ["type-check (TypeScript 7: tsc --noEmit)", npmRun("typecheck")],
  ["boundaries between folders (dependency-cruiser)", npmRun("boundaries")],
  ["lint (ESLint)", npmRun("lint")],
  ["layout (prettier --check; `npm run format` rewrites it)", npmRun("format:check")],
  ["build the console (vite)", ["npx", ["vite", "build", "--config", "admin/vite.config.ts", "--logLevel", "warn"]]],
];
for (const [title, [cmd, args]] of checks) {
  console.log(`\n== ${title}`);
  if (run(cmd, args) === 0) passed++;
  else failed++;
}

console.log("\n== vitest");
const out = join(mkdtempSync(join(tmpdir(), "leadhub-test-")), "results.json");
const status = run("npx", [
  "vitest",
  "run",
  "--config",
  "test/vitest.config.ts",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
]);
if (existsSync(out)) {
  const results = JSON.parse(readFileSync(out, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that failed outside its tests (it did not load, or a beforeAll threw and its tests were
  // skipped) has no failed test of its own: count it as one failure.
  failed += results.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
}
// Whatever the report says, vitest's own verdict counts.
if (status !== 0 && !failed) failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
