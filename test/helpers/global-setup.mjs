// Vitest's globalSetup: runs once, before any test file. The tests start dist/server.js and .next
// as built, so a build older than the sources would test code that is no longer there; `npx vitest
// run` (not only `npm test`) builds first when the sources changed since.
// Plain JavaScript, as scripts/build.mjs is: no type declarations needed to import it.
import { build, buildIsCurrent } from "../../scripts/build.mjs";

export async function setup() {
  if (buildIsCurrent()) return;
  console.log("The sources changed since the last build: building first (npm run build).");
  await build();
}
