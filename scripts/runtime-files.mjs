// `node scripts/runtime-files.mjs`, after `npm run build`: prints, one per line, every file the
// production server reads, for the container's runtime stage. Production dependencies alone are
// ~700 MB (Next ships its compilers, Prisma's client every database's query compiler); the files the
// server actually loads are a tenth of that. Next traces its own (.next/**/*.nft.json, the same
// traces its standalone output copies); dist/server.js, which starts Next, is traced here with the
// tracer Next uses, so whatever server.ts imports — the domain code included — comes along.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const { nodeFileTrace } = require("next/dist/compiled/@vercel/nft");

// Read at run time by path rather than imported: the migrations of both databases (prisma/migrations,
// prisma/postgres/migrations), and what Next loads from the app folder.
const APP = ["package.json", "next.config.js", "prisma"];
// Never loaded by a production server: Next's build cache; TypeScript (a package's "types" or
// "development" export is traced along with its JavaScript) and source maps; the development builds
// of Next's server and of React, which their entry points pick only outside NODE_ENV=production (15 MB;
// Next's own traces leave all of these out too); sharp, which only Next's image optimizer loads, and
// no page uses next/image (19 MB).
const SKIP = [
  /^\.next\/cache\//,
  /\.[cm]?tsx?$/,
  /\.map$/,
  /\.dev\.js$|\.development\.js$/,
  /(^|\/)node_modules\/(sharp|@img)\//,
];

const listed = new Set();

function walk(entry) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return;
  if (lstatSync(full).isDirectory()) for (const name of readdirSync(full)) walk(path.join(entry, name));
  else listed.add(entry);
}

// dist/ holds the compiled server and the relay's tarball it serves at /cli/hookjar.tgz (scripts/build.mjs).
for (const entry of [...APP, ".next", "dist"]) walk(entry);

for (const trace of [...listed].filter((file) => file.endsWith(".nft.json"))) {
  const { files } = JSON.parse(readFileSync(path.join(ROOT, trace), "utf8"));
  for (const file of files) listed.add(path.relative(ROOT, path.resolve(ROOT, path.dirname(trace), file)));
}

const { fileList } = await nodeFileTrace([path.join(ROOT, "dist/server.js")], { base: ROOT });
for (const file of fileList) listed.add(file);

// Next's config loader require.resolve()s its compiled webpack and Babel runtime on every start, so
// they must exist; it names them as strings, which no tracer follows.
const configUtils = require.resolve("next/dist/server/config-utils.js");
for (const [, name] of readFileSync(configUtils, "utf8").matchAll(/'(next\/dist\/compiled\/[^']+)'/g)) {
  listed.add(path.relative(ROOT, require.resolve(name)));
}

// A path through a symlink (node_modules/@hookjar/lib → lib, .next/node_modules/<hash> → node_modules)
// is listed as the link itself plus its target, so an archive of the list keeps one copy of each file.
const out = new Set();
for (const file of listed) {
  const parts = file.split(path.sep);
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(path.sep);
    if (lstatSync(path.join(ROOT, prefix), { throwIfNoEntry: false })?.isSymbolicLink()) out.add(prefix);
  }
  const real = path.join(ROOT, file);
  if (!existsSync(real)) continue;
  const target = path.relative(ROOT, realpathSync(real));
  if (!target.startsWith("..") && !lstatSync(path.join(ROOT, target)).isDirectory()) out.add(target);
}

process.stdout.write([...out].filter((file) => !SKIP.some((skip) => skip.test(file))).sort().join("\n") + "\n");
