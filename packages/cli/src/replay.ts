import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import { parseTargetUrl } from "../../../lib/outbound/sender.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../lib/schemas/events.ts";
import { ReplaySchema, ReplayStartedSchema, type ReplayView } from "../../../lib/schemas/replay.ts";
import { parseCaptureUrl } from "./relay.ts";

/** `hookjar replay`: starts a replay of a bin's captures, prints its progress, exits 0 only when every send got a 2xx. */

export const REPLAY_USAGE = `Usage: hookjar replay <inspectUrl> --to <url> --key <manageKey> [options] [captureId…]

Sends a bin's captures again, oldest first, to a URL (the Hookjar server sends them:
the URL must be one it can reach), with the gaps they arrived with or none. Without
capture ids, every capture of the bin (at most 1000).

  --to <url>           where to send; each capture's sub-path and query are appended
  --key <manageKey>    the bin's manage key
  --timing none        one after another as fast as the target answers
                       (default: original, the gaps they arrived with)
  --speed <n>          with original timing, n times as fast (0.1–100, default 1)
  -h, --help           show this help

Exit code: 0 when every send got a 2xx answer, 1 otherwise, 2 for a usage error.
`;

export async function replay(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { to: { type: "string" }, key: { type: "string" }, timing: { type: "string" }, speed: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(REPLAY_USAGE), 0;
  const [inspectUrl, ...captureIds] = positionals;
  if (!inspectUrl) return usage("Give the bin's inspect URL.");
  if (!values.to) return usage("--to <url> is required: where should the captures go?");
  if (!values.key) return usage("--key <manageKey> is required: replaying changes what the bin's captures record.");
  if (values.timing !== undefined && values.timing !== "none" && values.timing !== "original") return usage("--timing is none or original.");
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed >= 0.1 && speed <= 100)) return usage("--speed must be a number from 0.1 to 100.");
  let where;
  try {
    parseTargetUrl(values.to);
    where = parseCaptureUrl(inspectUrl);
  } catch (error) {
    return usage((error as Error).message);
  }
  const { origin, binId } = where;
  const auth = { authorization: `Bearer ${values.key}` };

  // Subscribed before the replay starts, so no progress event is missed.
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin, { transports: ["websocket"] });
  const events = new EventTarget();
  socket.on("replay:progress", (e) => events.dispatchEvent(new CustomEvent("progress", { detail: e })));
  socket.on("replay:done", (e) => events.dispatchEvent(new CustomEvent("done", { detail: e })));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (error) => reject(new Error(`cannot connect to ${origin}: ${error.message}`)));
    });
    // A manage key also reads a private bin.
    const answer = await socket.timeout(10_000).emitWithAck("bin:subscribe", { binId, token: values.key });
    if (!answer.ok) throw new Error(`cannot follow bin ${binId}: ${answer.error}`);

    const res = await fetch(`${origin}/api/bins/${binId}/replays`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ url: values.to, ...(captureIds.length ? { captureIds } : { filter: {} }), timing: values.timing ?? "original", speed }),
    });
    if (!res.ok) throw new Error(`the replay was refused (${res.status}): ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText}`);
    const { id, total } = ReplayStartedSchema.parse(await res.json());
    console.log(`Replaying ${total} capture${total === 1 ? "" : "s"} to ${values.to} (${values.timing === "none" ? "no timing" : `original timing × ${speed}`}), replay ${id}`);
    const fetchReplay = async (): Promise<ReplayView> => {
      const got = await fetch(`${origin}/api/replays/${id}`, { headers: auth });
      if (!got.ok) throw new Error(`GET /api/replays/${id} answered ${got.status}`);
      return ReplaySchema.parse(await got.json());
    };
    const done = await new Promise<ReplayView>((resolve, reject) => {
      events.addEventListener("progress", (e) => {
        const p = (e as CustomEvent).detail as { replayId: string; sent: number; total: number; ok: number; failed: number };
        if (p.replayId === id) console.log(`  ${p.sent}/${p.total} sent · ${p.ok} ok · ${p.failed} failed`);
      });
      events.addEventListener("done", (e) => {
        if (((e as CustomEvent).detail as { replayId: string }).replayId === id) fetchReplay().then(resolve, reject);
      });
      // Ended before this client heard of it, or while its connection was down: the API knows.
      const check = () => fetchReplay().then((r) => (r.state === "running" ? setTimeout(check, 2000) : resolve(r)), reject);
      check();
    });
    for (const r of done.results) {
      const outcome = r.startedMs === null ? "not sent" : r.status !== null ? String(r.status) : `failed: ${r.error}`;
      console.log(`  ${r.captureId} → ${outcome}${r.durationMs !== null ? ` (${r.durationMs} ms)` : ""}${r.sentSha256 ? ` sha256 ${r.sentSha256.slice(0, 12)}` : ""}`);
    }
    console.log(`${done.state === "done" ? "Done" : done.state[0].toUpperCase() + done.state.slice(1)}: ${done.sent}/${done.total} sent, ${done.ok} ok, ${done.failed} failed.`);
    return done.state === "done" && done.ok === done.total ? 0 : 1;
  } catch (error) {
    console.error(`hookjar: ${(error as Error).message}`);
    return 1;
  } finally {
    socket.close();
  }
}

function usage(message: string): number {
  console.error(`hookjar: ${message}\nRun "hookjar replay --help" for usage.`);
  return 2;
}
