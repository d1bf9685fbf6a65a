import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * `npm run test:chaos`: kills and restarts real leadhub processes (and a private redis-server), so
 * it runs apart from `npm test`, one file at a time (each scenario wants the machine's two cores).
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/chaos/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 10 * 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: "forks",
  },
});
