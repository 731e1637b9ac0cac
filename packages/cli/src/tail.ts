import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import type { CaptureSummary } from "../../../lib/schemas/capture.ts";
import { serverEventSchemas, type ClientToServerEvents, type ServerToClientEvents } from "../../../lib/schemas/events.ts";
import { formatBytes } from "../../../lib/wire/bytes.ts";
import { parseCaptureUrl } from "./relay.ts";

/** `hookjar tail`: prints a bin's captures as they arrive, one line each (or one JSON line each). */

export const TAIL_USAGE = `Usage: hookjar tail <captureUrl|inspectUrl> [--token <token>] [--json]

Prints each new capture of a Hookjar bin as it arrives: time, method, path and query,
body size, and the first 12 hex digits of the body's SHA-256.

  --token <token>      view token (or manage key) of a private bin
  --json               one JSON line per capture: the CaptureSummary as the API gives it
  -h, --help           show this help
`;

/** One capture as a line: local time, method, path?query, size, sha256 prefix. */
export function tailLine(c: CaptureSummary): string {
  const at = new Date(c.receivedAt);
  const time = `${at.toTimeString().slice(0, 8)}.${String(at.getMilliseconds()).padStart(3, "0")}`;
  return `${time} ${c.method.padEnd(7)} ${c.path}${c.query ? `?${c.query}` : ""}  ${formatBytes(c.bodySize)}  ${c.bodySha256.slice(0, 12)}`;
}

export async function tail(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { token: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(TAIL_USAGE), 0;
  if (positionals.length !== 1) return usage("Give exactly one capture or inspect URL.");
  let where;
  try {
    where = parseCaptureUrl(positionals[0]);
  } catch (error) {
    return usage((error as Error).message);
  }
  const { origin, binId } = where;
  const token = values.token ?? where.token ?? undefined;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin, { transports: ["websocket"], reconnectionDelayMax: 5000 });
  const print = (c: CaptureSummary) => console.log(values.json ? JSON.stringify(c) : tailLine(c));

  const ended = new Promise<number>((resolve) => {
    let subscribed = false;
    // Subscriptions belong to a connection: every (re)connect subscribes again.
    socket.on("connect", async () => {
      const answer = await socket.timeout(10_000).emitWithAck("bin:subscribe", token ? { binId, token } : { binId }).catch(() => null);
      if (answer?.ok) {
        // On stderr: stdout stays one capture per line, for pipes.
        if (!subscribed) console.error(`Tailing ${origin}/b/${binId} (Ctrl-C to stop)`);
        subscribed = true;
        return;
      }
      const why = answer === null ? "no answer" : answer.error === "unauthorized" ? "the bin is private: pass --token" : answer.error;
      console.error(`hookjar: cannot follow bin ${binId} on ${origin}: ${why}.`);
      resolve(1);
    });
    socket.on("connect_error", (error) => {
      if (subscribed) return;
      console.error(`hookjar: cannot connect to ${origin}: ${error.message}.`);
      resolve(1);
    });
    socket.on("capture:new", (payload) => {
      const summary = serverEventSchemas["capture:new"].safeParse(payload);
      if (summary.success && summary.data.binId === binId) print(summary.data);
    });
    socket.on("bin:deleted", () => {
      console.error(`hookjar: bin ${binId} was deleted.`);
      resolve(1);
    });
    process.once("SIGINT", () => resolve(0));
    process.once("SIGTERM", () => resolve(0));
  });
  const code = await ended;
  socket.close();
  return code;
}

function usage(message: string): number {
  console.error(`hookjar: ${message}\nRun "hookjar tail --help" for usage.`);
  return 2;
}
