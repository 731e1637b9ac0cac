import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { connect, createServer as createTcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { startServer } from "./server.ts";

/** Stand-ins for the targets of resend, forwarding and the relay — all on 127.0.0.1. */

export type Received = { method: string; url: string; headers: [string, string][]; body: Buffer };

export type Echo = {
  url: string;
  received: Received[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: () => number;
  close: () => Promise<void>;
};

type Answer = (req: Received, res: ServerResponse) => void;

const defaultAnswer: Answer = (_req, res) => {
  res.writeHead(201, "Created Here", { "X-Echo": "yes", "Content-Type": "text/plain" });
  res.end("hello from echo");
};

/** An HTTP server that records each request exactly as it arrived (raw header pairs, body bytes). */
export async function startEcho(answer: Answer = defaultAnswer): Promise<Echo> {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const entry = { method: req.method!, url: req.url!, headers, body: Buffer.concat(chunks) };
      received.push(entry);
      answer(entry, res);
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A TCP server that accepts connections and never answers. */
export async function startSilent(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Headers the sender was given, with those a transport adds taken out. */
export function withoutTransport(headers: [string, string][]): [string, string][] {
  const transport = new Set(["host", "content-length", "connection", "transfer-encoding"]);
  return headers.filter(([name]) => !transport.has(name.toLowerCase()));
}

export async function until<T>(check: () => T | Promise<T>, ms = 5000, what = "condition"): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A TCP pass-through on a loopback port that can be cut and restored, to break live connections. */
export async function startProxy(upstreamPort: number) {
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = connect(upstreamPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port = 0) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  await listen();
  const { port } = server.address() as AddressInfo;
  const cut = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return { url: `http://127.0.0.1:${port}`, cut, restore: () => listen(port) };
}

/** The app and an echo target side by side, the setup of every outgoing-request test file. */
export async function startWithEcho(env: Record<string, string> = {}) {
  const [server, echo] = await Promise.all([startServer(env), startEcho()]);
  return { server, echo, stop: async () => void (await Promise.all([server.stop(), echo.close()])) };
}
