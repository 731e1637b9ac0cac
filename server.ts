import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { releaseHangs } from "./lib/capture/faults.ts";
import { handleCapture } from "./lib/capture/handler.ts";
import { isCapturePath } from "./lib/capture/target.ts";
import { attachRealtime } from "./lib/realtime/io.ts";
import { config } from "./lib/runtime/config.ts";
import { db } from "./lib/store/db.ts";
import { migrate } from "./lib/store/migrate.ts";
import { startRetention } from "./lib/store/retention.ts";

// One listener: captures are answered here from the raw request (byte-exact, and several times
// faster than a route handler); Socket.IO shares the port; everything else is Next's.
const dev = process.env.NODE_ENV !== "production";

// A database this build cannot use (an edited migration, a bad URL…) is one clear line, not a stack.
function cannotStart(error: unknown): never {
  console.error(`Hookjar cannot start: ${(error as Error).message}`);
  process.exit(1);
}

const applied = await migrate(config.DATABASE_URL).catch(cannotStart);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
await db().catch(cannotStart);

const app = next({ dev, hostname: config.HOST, port: config.PORT, dir: import.meta.dirname });
await app.prepare();
const nextHandler = app.getRequestHandler();

function onRequest(req: IncomingMessage, res: ServerResponse) {
  if (isCapturePath(req.url)) return void handleCapture(req, res);
  nextHandler(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  });
}

const server = createServer(onRequest);
const io = await attachRealtime(server).catch(cannotStart);
startRetention(config.RETENTION_DAYS);

server.listen(config.PORT, config.HOST, () => {
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
  console.log(`Hookjar listening on http://${host}:${port} (${dev ? "development" : "production"})`);
});

function shutdown() {
  releaseHangs();
  void io.close();
  server.close(() => void db().then((prisma) => prisma.$disconnect()).finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
