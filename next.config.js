/** @type {import('next').NextConfig} */
const nextConfig = {
  // The native SQLite driver must be loaded by Node, not bundled; the logger and the metrics registry
  // likewise, so the one instance in the process registry is the same code server.ts uses.
  serverExternalPackages: ["better-sqlite3", "pino", "prom-client"],
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
