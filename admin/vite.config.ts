import { fileURLToPath } from "node:url";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";

const adminDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.dirname(adminDir);
// The two files of the server the console bundles: statuses, kinds, roles … (it imports nothing), and who may do
// what (core/permissions.ts: role lists the API checks and the menu and buttons follow; it imports only the vocabulary).
// .dependency-cruiser.cjs allows the same two.
const vocabulary = path.join(repoDir, "core", "vocabulary.ts");
const permissions = path.join(repoDir, "core", "permissions.ts");
// `npm run dev:admin` talks to an API on :3000; the built console is served same-origin by the API.
const apiTarget = process.env.LEADHUB_API_URL ?? "http://localhost:3000";

export default defineConfig({
  root: adminDir,
  base: "/",
  plugins: [react(), serverStaysOut()],
  build: {
    outDir: path.join(adminDir, "dist"),
    emptyOutDir: true,
    // react-admin + MUI alone are ~1 MB minified (~300 kB gzip); heavy pages are lazy chunks.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Libraries change less often than the console: their own long-cached chunk. recharts and its
            // private dependencies stay out so they load only with the dashboard charts.
            {
              name: "vendor",
              test: /node_modules[\\/](?!recharts|d3-|victory-vendor|@reduxjs|redux|react-redux|immer|reselect|es-toolkit|decimal\.js-light)/,
            },
          ],
        },
      },
    },
  },
  server: {
    fs: { allow: [adminDir, vocabulary, permissions, path.join(repoDir, "node_modules")] },
    proxy: {
      "/api": apiTarget,
      "/ingest": apiTarget,
      "/healthz": apiTarget,
    },
  },
});

/** Fails the build (and the dev server) when a console module pulls in server code: type-only imports are erased before this. */
function serverStaysOut(): Plugin {
  const inside = (dir: string, file: string) => file.startsWith(dir + path.sep);
  return {
    name: "leadhub:server-stays-out",
    transform(_code, id) {
      const file = id.split("?")[0];
      if (
        inside(repoDir, file) &&
        !inside(adminDir, file) &&
        !inside(path.join(repoDir, "node_modules"), file) &&
        file !== vocabulary &&
        file !== permissions
      ) {
        this.error(
          `the console may import core/vocabulary.ts and core/permissions.ts and nothing else of the server (${path.relative(repoDir, file)})`,
        );
      }
    },
  };
}
