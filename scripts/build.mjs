// `npm run build`: lib/ bundled into the @hookjar/lib package (lib/dist/index.js), Next's production
// build, and server.ts compiled to dist/server.js; then a stamp of the sources they were built from,
// so `npm start` can tell a current build from a stale one. server.ts and Next's route handlers both
// import @hookjar/lib at run time, so the server's code is loaded once per process.
// Plain JavaScript: `npm start` runs it with Node alone, no TypeScript loader.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
const STAMP = path.join(ROOT, ".next", "hookjar-sources.sha256");
export const SERVER = path.join(ROOT, "dist", "server.js");
const LIB = path.join(ROOT, "lib", "dist", "index.js");

// Everything either build reads. Tests, docs and the relay package change neither.
const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "server.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = /(\.test\.tsx?|\.md)$|^lib\/dist\//;

function files(entry) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)))
    .filter((f) => !SKIP.test(f));
}

/** A hash of every source file's path and bytes. */
export function sourcesHash() {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap(files).sort()) hash.update(`${file}\0`).update(readFileSync(path.join(ROOT, file))).update("\0");
  return hash.digest("hex");
}

/** Whether .next and dist/server.js were built from the sources as they are now. */
export function buildIsCurrent() {
  if (!existsSync(STAMP) || !existsSync(SERVER) || !existsSync(LIB) || !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return false;
  return readFileSync(STAMP, "utf8").trim() === sourcesHash();
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

export async function build() {
  const hash = sourcesHash();
  // Next's build resolves @hookjar/lib's types, and its pages import the package when prerendered.
  await bundle(path.join(ROOT, "lib", "index.ts"), LIB);
  run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"]);
  await bundle(path.join(ROOT, "server.ts"), SERVER);
  writeFileSync(STAMP, `${hash}\n`);
}

/** One ES module from `entry` and the sources it imports; packages (@hookjar/lib among them) stay imports. */
async function bundle(entry, outfile) {
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await build().catch((error) => {
    console.error(`Build failed: ${error.message}`);
    process.exit(1);
  });
}
