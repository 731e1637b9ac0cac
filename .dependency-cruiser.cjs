// The import graph's rules, checked by `npm run check:imports` and by test/architecture.test.ts.
const SERVER_ONLY = "^lib/(capture|store|realtime|outbound|signatures|http|runtime|generated)/";

// lib/'s layers, bottom first: each may import its own and lower layers only. Errors are domain
// errors (runtime/errors.ts) at the bottom; their HTTP statuses are the edge's (http/errors.ts).
const LAYERS = [
  ["schemas", "wire", "generated"],
  ["runtime"],
  ["rules", "samples"],
  ["store"],
  ["signatures", "outbound"],
  ["http"],
  ["capture", "realtime"],
];
const folders = (layers) => `^lib/(${layers.flat().join("|")})/`;
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join("-")}`,
  severity: "error",
  comment: `lib/${layer.join(", lib/")} may not import a higher layer of lib/ (see LAYERS).`,
  from: { path: folders([layer]), pathNot: "\\.test\\.ts$" },
  to: { path: folders(LAYERS.slice(i + 1)) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "one-store-per-database",
      severity: "error",
      comment: "What differs between the databases lives in lib/store/sqlite and lib/store/postgres, behind lib/store/database.ts; only db.ts picks one.",
      from: { path: "^(lib|app|components|server\\.ts)", pathNot: "^lib/store/(sqlite/|postgres/|db\\.ts)" },
      to: { path: "^lib/store/(sqlite|postgres)/" },
    },
    {
      name: "drivers-stand-apart",
      severity: "error",
      comment: "The SQLite and PostgreSQL stores share code through lib/store, never with each other.",
      from: { path: "^lib/store/sqlite/" },
      to: { path: "^lib/store/postgres/" },
    },
    {
      name: "drivers-stand-apart-too",
      severity: "error",
      comment: "The SQLite and PostgreSQL stores share code through lib/store, never with each other.",
      from: { path: "^lib/store/postgres/" },
      to: { path: "^lib/store/sqlite/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles hide the order modules start in; lib/ is layered (LAYERS, above).",
      from: {},
      to: { circular: true },
    },
    {
      name: "server-only",
      severity: "error",
      comment:
        "Server folders of lib/ hold the database, the write queue and the sockets: browser code and the code it shares " +
        "(components/, lib/schemas, lib/wire) must never import them.",
      from: { path: "^(components/|lib/schemas/|lib/wire/|lib/rules/)" },
      to: { path: SERVER_ONLY },
    },
    {
      name: "cli-stands-alone",
      severity: "error",
      comment: "The relay CLI ships on its own: no database, no server state, no React.",
      from: { path: "^packages/cli/" },
      to: { path: ["^lib/(capture|store|realtime|runtime|generated)/", "^lib/http/(api|handlers|request)", "^components/", "^app/"] },
    },
    {
      name: "lib-has-no-ui",
      severity: "error",
      comment: "lib/ is the server domain and the shared contract: no React, no components.",
      from: { path: "^lib/" },
      to: { path: ["^components/", "^app/", "node_modules/(react|react-dom|next)/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/generated/", "node_modules", "^\\.next/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: false,
  },
};
