import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import {
  AppError,
  appRoot,
  attachRealtime,
  captureWriter,
  config,
  flushRefusals,
  handleCapture,
  isCapturePath,
  log,
  metrics,
  openDatabase,
  provisionBins,
  refuseCapture,
  releaseHangs,
  serveCliPackage,
  sendError,
  serveOperations,
  stampPeer,
  startForwardRetries,
  startRetention,
  stopForwarding,
  TransientSet,
} from "@hookjar/lib";

// One listener: captures, /healthz, /metrics and the relay's package are answered here from the raw request (byte-exact,
// and several times faster than a route handler); Socket.IO shares the port; everything else is Next's.
const dev = process.env.NODE_ENV !== "production";
const mode = dev ? "development" : "production";

// What keeps the server from starting (an edited migration, a bad bins file, a busy port…) is one
// clear line for a person, not a stack.
function cannotStart(error: unknown): never {
  console.error(`Hookjar cannot start: ${(error as Error).message}`);
  process.exit(1);
}

// The database is opened first: a SQLite file another server holds is refused before Next says
// anything. Next then loads its build while migrations run: a start waits for the slower.
const opening = openDatabase().catch(cannotStart);
const app = next({ dev, hostname: config.HOST, port: config.PORT, dir: appRoot() });
const preparing = app.prepare();

const { database: store, applied } = await opening;
if (applied.length) log().info({ migrations: applied }, "applied migrations");
if (config.HOOKJAR_BINS_FILE) {
  const file = config.HOOKJAR_BINS_FILE;
  const { created, updated } = await provisionBins(file).catch(cannotStart);
  log().info({ file, created, updated }, "provisioned bins");
}

await preparing;
const nextHandler = app.getRequestHandler();

let stopping = false;
// Requests not yet answered: a graceful stop waits for them.
const inFlight = new TransientSet<ServerResponse>();

function onRequest(req: IncomingMessage, res: ServerResponse) {
  res.once("close", inFlight.add(res));
  // While stopping, every answer closes its connection, so keep-alive senders let go.
  if (stopping) res.shouldKeepAlive = false;
  void route(req, res).catch((error: unknown) => {
    log().error({ url: req.url?.split("?")[0], error: (error as Error).message }, "request failed");
    if (!res.headersSent) res.writeHead(500).end();
  });
}

async function route(req: IncomingMessage, res: ServerResponse) {
  if (await serveOperations(req, res, stopping)) return;
  if (await serveCliPackage(req, res)) return;
  const capture = isCapturePath(req.url);
  if (stopping) {
    req.resume();
    const refusal = new AppError("shutting_down", "This server is stopping; retry in a moment.", {}, { "retry-after": "1" });
    return capture ? refuseCapture(res, refusal) : sendError(res, refusal);
  }
  if (capture) return handleCapture(req, res);
  // The API's route handlers see headers only: they learn the client's address from this one.
  stampPeer(req);
  await nextHandler(req, res);
}

const server = createServer(onRequest);
const io = await attachRealtime(server).catch(cannotStart);
metrics().gauges.writeQueueDepth = () => captureWriter().depth;
metrics().gauges.sockets = () => io.engine.clientsCount;
const stopRetention = startRetention(config.RETENTION_DAYS);
// Forward retries scheduled before this start (by this instance or another) go on from the database.
const stopRetries = startForwardRetries();
server.once("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") cannotStart(new Error(`port ${config.PORT} on ${config.HOST} is already in use (another Hookjar, or another program). Stop it or set PORT.`));
  cannotStart(error);
});
server.listen(config.PORT, config.HOST, () => {
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
  log().info({ url: `http://${host}:${port}`, mode, database: store.name }, `Hookjar listening on http://${host}:${port} (${mode})`);
});

const STOP_DEADLINE_MS = 9_500;
const ANSWER_GRACE_MS = 4_000;
const FORWARD_GRACE_MS = 3_000;

/**
 * Graceful stop (SIGTERM, Ctrl-C): take no new connections, answer what is in flight, commit the
 * write queue, give forwards a moment and record the rest as interrupted, then exit 0. Every capture
 * a sender saw acknowledged was committed before its answer; this makes sure none is cut mid-way.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  log().info({ signal, inFlight: inFlight.size }, "stopping");
  setTimeout(() => {
    log().error({ inFlight: inFlight.size }, "did not stop in time; exiting");
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();

  server.close();
  // A rule's "hang" holds its sender until it gives up: a stopping server does not wait for it.
  releaseHangs();
  for (const res of inFlight.values()) if (!res.headersSent) res.shouldKeepAlive = false;
  // Connections go idle as their last answers go out; close each as it does.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const answerBy = Date.now() + ANSWER_GRACE_MS;
  while (inFlight.size && Date.now() < answerBy) await new Promise((r) => setTimeout(r, 25));
  await captureWriter().drained();
  await flushRefusals();
  stopRetries();
  await stopForwarding(FORWARD_GRACE_MS);
  stopRetention();
  clearInterval(sweep);
  await io.close().catch(() => {});
  await store.close();
  log().info({ ms: Date.now() - started, unanswered: inFlight.size }, "stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
