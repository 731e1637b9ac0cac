// The import graph's rules, checked by `npm run check:imports` and by test/architecture.test.ts.
const SERVER_ONLY = "^lib/(capture|store|realtime|outbound|signatures|http|runtime|generated)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles hide the order modules start in; lib/ is layered: schemas/wire → store → capture/outbound/realtime → http.",
      from: {},
      to: { circular: true },
    },
    {
      name: "server-only",
      severity: "error",
      comment:
        "Server folders of lib/ hold the database, the write queue and the sockets: browser code and the code it shares " +
        "(components/, lib/schemas, lib/wire) must never import them.",
      from: { path: "^(components/|lib/schemas/|lib/wire/)" },
      to: { path: SERVER_ONLY },
    },
    {
      name: "cli-stands-alone",
      severity: "error",
      comment: "The relay CLI ships on its own: no database, no server state, no React.",
      from: { path: "^packages/cli/" },
      to: { path: ["^lib/(capture|store|realtime|runtime|generated)/", "^lib/http/route", "^components/", "^app/"] },
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
