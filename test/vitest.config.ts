import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    include: ["test/**/*.test.ts"],
    // The chaos scenarios kill processes and take minutes: `npm run test:chaos` (test/chaos/vitest.config.ts).
    exclude: ["test/chaos/**", "**/node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: a few files at once keeps PostgreSQL and Redis busy without starving them.
    maxWorkers: 3,
    pool: "forks",
  },
});
