// `npm run build`: lib/ bundled into the @hookjar/lib package (lib/dist/index.js), Next's production
// build, server.ts compiled to dist/server.js, and the relay CLI packed as the server serves it
// (dist/cli/hookjar.tgz, at GET /cli/hookjar.tgz); then a stamp of the sources they were built from,
// so `npm start` can tell a current build from a stale one. server.ts and Next's route handlers both
// import @hookjar/lib at run time, so the server's code is loaded once per process.
// Plain JavaScript: `npm start` runs it with Node alone, no TypeScript loader.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "..");
const STAMP = path.join(ROOT, ".next", "hookjar-sources.sha256");
export const SERVER = path.join(ROOT, "dist", "server.js");
const LIB = path.join(ROOT, "lib", "dist", "index.js");
const CLI = path.join(ROOT, "packages", "cli");
export const CLI_TARBALL = path.join(ROOT, "dist", "cli", "hookjar.tgz");

// Everything the builds read (the relay's package README included: it is in the tarball). Tests and docs change none.
const SOURCES = ["app", "components", "lib", "packages/cli", "prisma/schema.prisma", "server.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = /\.test\.tsx?$|^(lib|packages\/cli)\/dist\/|(^|\/)node_modules\//;
const skipped = (file) => SKIP.test(file) || (file.endsWith(".md") && file !== "packages/cli/README.md");

function files(entry) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)))
    .filter((f) => !skipped(f));
}

/** A hash of every source file's path and bytes. */
export function sourcesHash() {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap(files).sort()) hash.update(`${file}\0`).update(readFileSync(path.join(ROOT, file))).update("\0");
  return hash.digest("hex");
}

/** Whether .next and dist/server.js were built from the sources as they are now. */
export function buildIsCurrent() {
  if (!existsSync(STAMP) || !existsSync(SERVER) || !existsSync(LIB) || !existsSync(CLI_TARBALL) || !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return false;
  return readFileSync(STAMP, "utf8").trim() === sourcesHash();
}

function run(command, args, cwd = ROOT, env = process.env) {
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

export async function build() {
  const hash = sourcesHash();
  // Next's build resolves @hookjar/lib's types, and its pages import the package when prerendered.
  await bundle(path.join(ROOT, "lib", "index.ts"), LIB);
  run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"]);
  await bundle(path.join(ROOT, "server.ts"), SERVER);
  packCli();
  writeFileSync(STAMP, `${hash}\n`);
}

/** `npm pack` of packages/cli (its prepack bundles it), under the one name the server serves it by. */
function packCli() {
  mkdirSync(path.dirname(CLI_TARBALL), { recursive: true });
  const dir = mkdtempSync(path.join(path.dirname(CLI_TARBALL), ".pack-"));
  // An outer npm (`npm start`, `npm run build`) passes its lifecycle settings down: this pack is npm's own.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_(lifecycle|package|command)/i.test(name)));
  try {
    run("npm", ["pack", "--silent", "--pack-destination", dir], CLI, env);
    const [tarball] = readdirSync(dir).filter((file) => file.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack made no tarball");
    renameSync(path.join(dir, tarball), CLI_TARBALL);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
