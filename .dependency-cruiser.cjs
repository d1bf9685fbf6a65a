/**
 * The walls between leadhub's rooms (design.md, "Layout"), held by `npm run boundaries`, a step of
 * `npm test`. Paths are relative to the repository root.
 *
 * Type-only imports count for the walls (a type from api/ in core/ still ties the domain to the HTTP
 * edge) but not for the cycle rule: they are erased before the code runs, so they make no import
 * cycle at run time. A cycle through a type-only import is a warning.
 */
const erased = ["type-only", "pre-compilation-only"];
const vocabulary = "^core/vocabulary(\\.ts$|/)";
// The second file the console may bundle: who may do what (role lists), derived from by the API and the console alike.
const permissions = "^core/permissions\\.ts$";
const shared = "^core/(vocabulary(\\.ts$|/)|permissions\\.ts$)";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-imports-no-outer-room",
      comment: "core/ is the domain: it imports nothing of api/, jobs/, worker/ or migrations/.",
      severity: "error",
      from: { path: "^core/" },
      to: { path: "^(api|jobs|worker|migrations)/" },
    },
    {
      name: "api-imports-no-jobs",
      comment: "api/ calls core/ (and enqueues through core/queues.ts); it never imports jobs/ or worker/.",
      severity: "error",
      from: { path: "^api/" },
      to: { path: "^(jobs|worker)/" },
    },
    {
      name: "jobs-import-no-api",
      comment: "A job is a shell over core/: it never imports api/ or worker/ (its context comes in as an argument).",
      severity: "error",
      from: { path: "^jobs/" },
      to: { path: "^(api|worker)/" },
    },
    {
      name: "migrations-are-frozen",
      comment:
        "A migration keeps frozen copies of its literals and imports nothing of the app, so a later change to core/ cannot rewrite what an old migration did. (setup.ts, run.ts and seeds/ are the database's set-up, not migrations: they may use core/.)",
      severity: "error",
      from: { path: "^migrations/([0-9][^/]*|index|app-role)\\.ts$" },
      to: { path: "^(core|api|jobs|worker)/" },
    },
    {
      name: "setup-imports-no-process",
      comment: "The database's set-up (migrations/setup.ts, run.ts, seeds/) may use core/, never api/, jobs/ or worker/.",
      severity: "error",
      from: { path: "^migrations/" },
      to: { path: "^(api|jobs|worker)/" },
    },
    {
      name: "console-imports-only-vocabulary",
      comment:
        "The console (admin/src) runs in the browser: of the server's code it imports the shared vocabulary (core/vocabulary) and the role lists (core/permissions.ts) only.",
      severity: "error",
      from: { path: "^admin/src/" },
      to: { path: "^(core|api|jobs|worker|migrations)/", pathNot: shared },
    },
    {
      name: "vocabulary-stands-alone",
      comment: "core/vocabulary is shared with the console, so it imports no other project module: the browser would get it too.",
      severity: "error",
      from: { path: vocabulary },
      to: { path: "^(core|api|jobs|worker|migrations|admin)/", pathNot: vocabulary },
    },
    {
      name: "permissions-stand-alone",
      comment: "core/permissions.ts is bundled by the console too: it imports the vocabulary and nothing else of the project.",
      severity: "error",
      from: { path: permissions },
      to: { path: "^(core|api|jobs|worker|migrations|admin)/", pathNot: vocabulary },
    },
    {
      name: "no-import-cycles",
      comment: "No import cycles (design.md): a cycle makes load order matter and hides which module needs which.",
      severity: "error",
      from: { path: "^(core|api|jobs|worker|migrations|admin/src)/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: erased } },
    },
    {
      name: "no-type-only-cycles",
      comment: "A cycle closed by a type-only import does not run, but still says two modules are one: move the shared type down.",
      severity: "warn",
      from: { path: "^(core|api|jobs|worker|migrations|admin/src)/" },
      to: { circular: true, via: { dependencyTypes: erased } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist)/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Keep type-only imports in the graph (the walls apply to them), marked so the cycle rules can tell them apart.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
    skipAnalysisNotInRules: true,
  },
};
