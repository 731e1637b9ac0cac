import { io, type Socket } from "socket.io-client";
import { trySend } from "../../../lib/outbound/sender.ts";
import { replayRequest } from "../../../lib/outbound/replay.ts";
import { CapturePageSchema, CaptureSchema, type CapturePage, type CaptureView } from "../../../lib/schemas/capture.ts";
import { serverEventSchemas, type ClientToServerEvents, type ServerToClientEvents, type SubscribeAck } from "../../../lib/schemas/events.ts";
import { decodeBody } from "../../../lib/wire/body.ts";

/**
 * The relay: follows a bin over Socket.IO from wherever it is hosted and replays each new capture
 * to a URL only this machine can reach (a dev server on localhost), so a hosted Hookjar never
 * needs to reach into anyone's network.
 */

export type RelayOptions = {
  captureUrl: string;
  to: string;
  token?: string;
  timeoutMs: number;
  log: (line: string) => void;
};

export type Relay = {
  /** Settles once the first subscription is answered: rejects when the bin cannot be followed. */
  ready: Promise<void>;
  stop: () => void;
};

/** `{origin}/b/{binId}` → where the bin lives; a `?token=` is the view token of a private bin. */
export function parseCaptureUrl(text: string): { origin: string; binId: string; token: string | null } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a URL.`);
  }
  const match = /^\/b\/([^/]+)/.exec(url.pathname);
  if (!match || !/^https?:$/.test(url.protocol)) {
    throw new Error(`"${text}" is not a capture URL: expected http(s)://<host>/b/<binId>.`);
  }
  return { origin: url.origin, binId: match[1], token: url.searchParams.get("token") };
}

// Enough to recognise a capture seen both live and while catching up after a reconnect.
const REMEMBERED = 1000;
const CATCH_UP_PAGE = 200;

export function startRelay(options: RelayOptions): Relay {
  const { origin, binId, token: urlToken } = parseCaptureUrl(options.captureUrl);
  const token = options.token ?? urlToken ?? undefined;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const delivered = new Set<string>();
  // The highest commit order seen: whatever any instance commits later has a higher one.
  let newest: number | null = null;
  let subscribedOnce = false;
  let unreachable = false;
  let work = Promise.resolve();

  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin, { transports: ["websocket"], reconnectionDelayMax: 5000 });

  /** Deliveries run one at a time, in arrival order, so the target sees captures as the bin did. */
  const enqueue = (job: () => Promise<void>) => {
    work = work.then(job).catch((error: unknown) => options.log(`${clock()} error: ${(error as Error).message}`));
  };

  async function api<T>(path: string, schema: { parse: (v: unknown) => T }): Promise<T> {
    const res = await fetch(`${origin}/api/bins/${binId}${path}`, { headers: auth });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return schema.parse(await res.json());
  }

  async function deliver(id: string, seq: number) {
    if (delivered.has(id)) return;
    remember(id, seq);
    const capture = await api(`/requests/${id}`, CaptureSchema);
    const request = replayRequest({ ...capture, body: decodeBody(capture.body) }, options.to, {
      timeoutMs: options.timeoutMs,
      allowPrivate: true,
    });
    const outcome = await trySend(request);
    const result = outcome.ok
      ? `${outcome.response.status} ${outcome.response.statusText}`.trim()
      : `failed: ${outcome.error.message}`;
    options.log(`${clock()} ${capture.method} ${target(capture)} → ${result} (${outcome.durationMs} ms)`);
  }

  function remember(id: string, seq: number) {
    delivered.add(id);
    if (delivered.size > REMEMBERED) delivered.delete(delivered.values().next().value!);
    if (newest === null || seq > newest) newest = seq;
  }

  /** After a reconnect: the captures that arrived while disconnected, oldest first. */
  async function catchUp(since: number) {
    const missed: { id: string; seq: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: CapturePage = await api(`/requests?limit=${CATCH_UP_PAGE}${cursor ? `&cursor=${cursor}` : ""}`, CapturePageSchema);
      const newer = page.items.filter((c) => c.seq > since);
      missed.push(...newer);
      cursor = newer.length === page.items.length ? page.nextCursor : null;
    } while (cursor);
    for (const { id, seq } of missed.reverse()) await deliver(id, seq);
  }

  socket.on("connect", async () => {
    unreachable = false;
    let answer: SubscribeAck;
    try {
      answer = await socket.timeout(10_000).emitWithAck("bin:subscribe", token ? { binId, token } : { binId });
    } catch {
      return options.log(`${clock()} error: ${origin} did not answer the subscription; retrying on reconnect.`);
    }
    if (!answer.ok) {
      const error = new Error(
        answer.error === "bin_not_found"
          ? `There is no bin ${binId} on ${origin}.`
          : answer.error === "unauthorized"
            ? `Bin ${binId} is private: pass its view token with --token (or ?token= in the capture URL).`
            : `Could not follow bin ${binId}: ${answer.error}.`,
      );
      if (!subscribedOnce) settle.reject(error);
      else options.log(`${clock()} error: ${error.message}`);
      return;
    }
    if (!subscribedOnce) {
      subscribedOnce = true;
      options.log(`Relaying ${origin}/b/${binId} → ${options.to} (Ctrl-C to stop)`);
      settle.resolve();
    } else {
      options.log(`${clock()} reconnected to ${origin}`);
      const since = newest;
      if (since !== null) enqueue(() => catchUp(since));
    }
  });

  socket.on("capture:new", (payload) => {
    const summary = serverEventSchemas["capture:new"].safeParse(payload);
    if (summary.success && summary.data.binId === binId) enqueue(() => deliver(summary.data.id, summary.data.seq));
  });

  socket.on("disconnect", (reason) => options.log(`${clock()} disconnected from ${origin} (${reason}); reconnecting…`));

  socket.on("connect_error", (error) => {
    const why = connectFailure(error);
    if (!subscribedOnce) return settle.reject(new Error(`Cannot connect to ${origin}: ${why}.`));
    if (unreachable) return;
    unreachable = true;
    options.log(`${clock()} cannot reach ${origin} (${why}); retrying…`);
  });

  return { ready, stop: () => socket.close() };
}

/** Socket.IO says only "websocket error"; the cause underneath is what a person can act on. */
function connectFailure(error: Error & { description?: unknown }): string {
  const cause = error.description as { message?: string; error?: { message?: string } } | undefined;
  return cause?.error?.message ?? cause?.message ?? error.message;
}

function target(capture: CaptureView): string {
  return capture.query ? `${capture.path}?${capture.query}` : capture.path;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}
