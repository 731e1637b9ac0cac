/** @type {import('next').NextConfig} */
const nextConfig = {
  // The native SQLite driver must be loaded by Node, not bundled.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
