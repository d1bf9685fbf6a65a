// `npm run lint`, a step of `npm test`. A modest set: ESLint's and typescript-eslint's recommended rules
// without type information (fast; types are the type-checker's job), a few habits, and the rules of hooks
// in the console. Layout is Prettier's (`npm run format`); the walls between folders are dependency-cruiser's.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores(["admin/dist/", "coverage/", "test-results/", ".data/", ".scratch/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` says "unused on purpose": a handler's unused argument, a skipped tuple slot.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // `x == null` is the one loose comparison worth keeping: null or undefined.
      eqeqeq: ["error", "always", { null: "ignore" }],
      // Logs go through pino (core/logger.ts); a warning or error meant for a person at a terminal may use the console.
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["admin/src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // These print to the terminal on purpose: benchmarks' figures, the test runner and tests' own figures, command-line scripts.
    files: ["bench/**", "test/**", "migrations/run.ts", "migrations/schema-dump.ts", "worker/start.ts"],
    rules: { "no-console": "off" },
  },
);
