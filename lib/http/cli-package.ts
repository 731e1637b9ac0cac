import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { appRoot } from "../runtime/app-root.ts";

/**
 * `GET /cli/hookjar.tgz`: the relay CLI this server was built with, as `npm pack` made it
 * (scripts/build.mjs), so `npx <origin>/cli/hookjar.tgz relay …` installs a relay that matches this
 * server without any registry release. Answers true when the request was for it.
 */

export const CLI_PATH = "/cli/hookjar.tgz";

export async function serveCliPackage(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if ((req.url ?? "/").split("?")[0] !== CLI_PATH) return false;
  req.resume();
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "method_not_allowed", message: `${req.method} is not allowed on ${CLI_PATH}; it takes GET.` }));
    return true;
  }
  const file = path.join(appRoot(), "dist", "cli", "hookjar.tgz");
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) {
    res.writeHead(404, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ error: "not_found", message: "This server was built without the relay package (npm run build makes it)." }));
    return true;
  }
  // The tarball changes only with a new build: a short cache, so an upgraded server's is picked up soon.
  res.writeHead(200, { "content-type": "application/gzip", "content-length": size, "cache-control": "public, max-age=300" });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
  return true;
}
