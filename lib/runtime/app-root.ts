import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The app's folder (package.json, prisma/, .next/), found from the running file: that is lib/runtime/
 * under tsx and dist/ once server.ts is compiled into one file, so no fixed `../..` fits both.
 */
export function appRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}: where is the app installed?`);
  }
}
