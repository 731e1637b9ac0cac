// Bundles the relay (src/ and the parts of the app's lib/ it shares: the sender, replay, the
// contract's schemas, wire helpers) into one file, so the published package needs nothing from the
// app. Run by `npm pack` / `npm publish` (prepack); esbuild comes from the repository's dev tools.
import path from "node:path";
import { build } from "esbuild";

const here = import.meta.dirname;
const { dependencies } = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(path.join(here, "package.json"), "utf8")));

await build({
  entryPoints: [path.join(here, "src/bin.ts")],
  outfile: path.join(here, "dist/hookjar.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // The package's own dependencies are installed beside it; everything else must be inside.
  external: Object.keys(dependencies),
  banner: { js: "#!/usr/bin/env node" },
  logLevel: "warning",
});
