import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { handleCapture, isCapturePath } from "./lib/capture.ts";
import { config } from "./lib/config.ts";
import { db } from "./lib/db.ts";
import { toErrorResponse } from "./lib/errors.ts";
import { migrate } from "./lib/migrate.ts";
import { attachRealtime } from "./lib/realtime.ts";
import { startRetention } from "./lib/retention.ts";

// One listener: captures are answered here from the raw request (byte-exact, and several times
// faster than a route handler); Socket.IO shares the port; everything else is Next's.
const dev = process.env.NODE_ENV !== "production";

const applied = await migrate(config.DATABASE_URL);
if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
await db();
startRetention(config.RETENTION_DAYS);

const app = next({ dev, hostname: config.HOST, port: config.PORT, dir: import.meta.dirname });
await app.prepare();
const nextHandler = app.getRequestHandler();

function onRequest(req: IncomingMessage, res: ServerResponse) {
  if (!isCapturePath(req.url)) {
    nextHandler(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  handleCapture(req, res).catch((error: unknown) => {
    if (res.headersSent) return res.destroy();
    const { status, body } = toErrorResponse(error);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  });
}

const server = createServer(onRequest);
const io = await attachRealtime(server);

server.listen(config.PORT, config.HOST, () => {
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
  console.log(`Hookjar listening on http://${host}:${port} (${dev ? "development" : "production"})`);
});

function shutdown() {
  void io.close();
  server.close(() => void db().then((prisma) => prisma.$disconnect()).finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
