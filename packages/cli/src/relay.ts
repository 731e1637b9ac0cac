import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { trySend } from "../../../lib/outbound/sender.ts";
import { replayRequest } from "../../../lib/outbound/replay.ts";
import { retryDelayMs, worthRetrying } from "../../../lib/outbound/retry-policy.ts";
import { CapturePageSchema, CaptureSchema, type CapturePage, type CaptureView } from "../../../lib/schemas/capture.ts";
import { serverEventSchemas, type ClientToServerEvents, type ServerToClientEvents, type SubscribeAck } from "../../../lib/schemas/events.ts";
import { decodeBody } from "../../../lib/wire/body.ts";
import { bodyCheck } from "./integrity.ts";

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
  /** Where the relay keeps its position in the bin; null keeps it in memory only. */
  stateFile: string | null;
  log: (line: string) => void;
};

export type Relay = {
  /** Settles once the first subscription is answered: rejects when the bin cannot be followed. */
  ready: Promise<void>;
  /** Disconnects, and settles once the delivery in progress (if any) is done. */
  stop: () => Promise<void>;
};

/** `{origin}/b/{binId}` → where the bin lives; a `?token=` is the view token of a private bin. */
export function parseCaptureUrl(text: string): { origin: string; binId: string; token: string | null } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a URL.`);
  }
  const match = /^\/(?:b|bins)\/([^/]+)/.exec(url.pathname);
  if (!match || !/^https?:$/.test(url.protocol)) {
    throw new Error(`"${text}" is not a capture URL: expected http(s)://<host>/b/<binId>.`);
  }
  return { origin: url.origin, binId: match[1], token: url.searchParams.get("token") };
}

const PAGE = 200;
// A target down for long is tried every half minute, not ever more rarely.
const MAX_BACKOFF_MS = 30_000;

/**
 * The relay's place in the bin: the commit order (`seq`) of the last capture it delivered. Captures
 * are delivered strictly above it and it is saved after each one, so a restart or a lost connection
 * resumes exactly where delivery stopped: nothing twice, nothing skipped.
 */
export function positionStore(file: string | null, bin: string) {
  const read = (): number | null => {
    if (!file || !existsSync(file)) return null;
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as { bin?: unknown; seq?: unknown };
      return saved.bin === bin && Number.isInteger(saved.seq) ? (saved.seq as number) : null;
    } catch {
      return null;
    }
  };
  const write = (seq: number) => {
    if (!file) return;
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed: a relay killed mid-write never leaves a torn file.
    writeFileSync(`${file}.tmp`, JSON.stringify({ bin, seq }));
    renameSync(`${file}.tmp`, file);
  };
  return { read, write };
}

export function startRelay(options: RelayOptions): Relay {
  const { origin, binId, token: urlToken } = parseCaptureUrl(options.captureUrl);
  const token = options.token ?? urlToken ?? undefined;
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const store = positionStore(options.stateFile, `${origin}/b/${binId}`);
  let position = store.read();
  let subscribedOnce = false;
  let unreachable = false;
  let stopping = false;
  let pullQueued = false;
  let work = Promise.resolve();
  // Backoff waits in progress, cut short by stop().
  const wakers = new Set<() => void>();

  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin, { transports: ["websocket"], reconnectionDelayMax: 5000 });

  /** Work runs one job at a time, so the target sees captures in the bin's commit order. */
  const enqueue = (job: () => Promise<void>) => {
    work = work.then(job).catch((error: unknown) => options.log(`${clock()} error: ${(error as Error).message}`));
  };

  async function api<T>(path: string, schema: { parse: (v: unknown) => T }): Promise<T> {
    const res = await fetch(`${origin}/api/bins/${binId}${path}`, { headers: auth });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return schema.parse(await res.json());
  }

  /** The bin's newest commit order now (0 for an empty bin): where a relay without a saved position starts. */
  async function newestSeq(): Promise<number> {
    const page = await api(`/requests?limit=1`, CapturePageSchema);
    return page.items[0]?.seq ?? 0;
  }

  /**
   * Delivers one capture, trying again with backoff while its target is down (no connection, no
   * answer in time, 5xx, 429): the position moves past a capture only once its target took it, so
   * nothing behind it is delivered first and nothing is lost. Answers false when stopped first.
   */
  async function deliver(id: string, seq: number): Promise<boolean> {
    const capture = await api(`/requests/${id}`, CaptureSchema);
    const request = replayRequest({ ...capture, body: decodeBody(capture.body) }, options.to, {
      timeoutMs: options.timeoutMs,
      allowPrivate: true,
    });
    const integrity = bodyCheck(request.body, capture.bodySha256);
    if (!integrity.same) options.log(`${clock()} ${capture.method} ${target(capture)}: the body to deliver is not the captured one (${integrity.text})`);
    for (let tryNo = 1; ; tryNo++) {
      const outcome = await trySend(request);
      const result = outcome.ok
        ? `${outcome.response.status} ${outcome.response.statusText}`.trim()
        : `failed: ${outcome.error.message}`;
      const line = `${clock()} ${capture.method} ${target(capture)} → ${result} (${outcome.durationMs} ms) ${integrity.text}`;
      if (!worthRetrying(outcome)) {
        position = seq;
        store.write(seq);
        options.log(line);
        return true;
      }
      const delayMs = Math.min(retryDelayMs(tryNo, outcome), MAX_BACKOFF_MS);
      options.log(`${line}; trying again in ${Math.round(delayMs / 1000)} s`);
      if (!(await pause(delayMs))) return false;
    }
  }

  /** Waits, or answers false at once when the relay is stopped meanwhile. */
  function pause(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        wakers.delete(wake);
        resolve(true);
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve(false);
      };
      wakers.add(wake);
    });
  }

  /** Delivers every capture above the position, oldest first: catch-up and live delivery alike. */
  async function pull(announce: boolean) {
    pullQueued = false;
    if (position === null) return;
    const since = position;
    const missed: { id: string; seq: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: CapturePage = await api(`/requests?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ""}`, CapturePageSchema);
      const newer = page.items.filter((c) => c.seq > since);
      missed.push(...newer);
      cursor = newer.length === page.items.length ? page.nextCursor : null;
    } while (cursor);
    if (announce && missed.length) options.log(`${clock()} catching up: ${missed.length} capture${missed.length === 1 ? "" : "s"} since the last delivery`);
    for (const [i, { id, seq }] of missed.reverse().entries()) {
      if (stopping) return;
      if (position !== null && seq <= position) continue;
      if (!(await deliver(id, seq))) return;
      if (announce && missed.length > 1 && (i + 1) % 10 === 0) options.log(`${clock()} caught up ${i + 1}/${missed.length}`);
    }
  }

  // A live event only says "something new": one pull, coalesced, fetches everything new in order.
  const schedulePull = (announce: boolean) => {
    if (pullQueued && !announce) return;
    pullQueued = true;
    enqueue(() => pull(announce));
  };

  socket.on("connect", async () => {
    unreachable = false;
    if (position === null) {
      // Taken before subscribing, so a capture committed meanwhile is caught by the first pull.
      try {
        position = await newestSeq();
      } catch (error) {
        const failure = new Error(`Cannot read bin ${binId} on ${origin}: ${(error as Error).message}`);
        if (/answered 404/.test(failure.message)) failure.message = `There is no bin ${binId} on ${origin}.`;
        if (/answered 401/.test(failure.message)) failure.message = privateBin(binId);
        return settle.reject(failure);
      }
      store.write(position);
    }
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
            ? privateBin(binId)
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
    }
    // Whatever arrived while this relay was away (or not running) comes first.
    schedulePull(true);
  });

  socket.on("capture:new", (payload) => {
    const summary = serverEventSchemas["capture:new"].safeParse(payload);
    if (summary.success && summary.data.binId === binId) schedulePull(false);
  });

  socket.on("disconnect", (reason) => {
    // Closed on purpose (Ctrl-C): nothing to reconnect to.
    if (stopping || reason === "io client disconnect") return;
    options.log(`${clock()} disconnected from ${origin} (${reason}); reconnecting…`);
  });

  socket.on("connect_error", (error) => {
    const why = connectFailure(error);
    if (!subscribedOnce) return settle.reject(new Error(`Cannot connect to ${origin}: ${why}.`));
    if (unreachable) return;
    unreachable = true;
    options.log(`${clock()} cannot reach ${origin} (${why}); retrying…`);
  });

  return {
    ready,
    stop: async () => {
      stopping = true;
      for (const wake of wakers) wake();
      socket.close();
      await work;
    },
  };
}

function privateBin(binId: string): string {
  return `Bin ${binId} is private: pass its view token with --token (or ?token= in the capture URL).`;
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
