/** @type {import('next').NextConfig} */
const nextConfig = {
  // The native SQLite driver must be loaded by Node, not bundled; the logger and the metrics registry
  // likewise, so the one instance in the process registry is the same code server.ts uses.
  serverExternalPackages: ["better-sqlite3", "pino", "prom-client"],
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.json" },
  // A page's modules load when it is first asked for, not all at start: the capture path never needs
  // them, and an idle server holds about 5 MiB less.
  experimental: { preloadEntriesOnStart: false },
};

export default nextConfig;
