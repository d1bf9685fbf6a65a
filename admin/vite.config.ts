import { fileURLToPath } from "node:url";
import path from "node:path";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const adminDir = path.dirname(fileURLToPath(import.meta.url));
// `npm run dev:admin` talks to an API on :3000; the built console is served same-origin by the API.
const apiTarget = process.env.LEADHUB_API_URL ?? "http://localhost:3000";

export default defineConfig({
  root: adminDir,
  base: "/",
  plugins: [react()],
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
    proxy: {
      "/api": apiTarget,
      "/ingest": apiTarget,
      "/healthz": apiTarget,
    },
  },
});
