import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The app's folder (next.config.js, prisma/, .next/), found from the running file: that is lib/runtime/
 * from the sources and lib/dist/ once built, so no fixed `../..` fits both. (lib/ has a package.json
 * of its own, so that file cannot mark the app's folder.)
 */
export function appRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "next.config.js"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No next.config.js above ${from}: where is the app installed?`);
  }
}
