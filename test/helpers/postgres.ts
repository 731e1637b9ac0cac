import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresBin } from "../../scripts/test-prerequisites.mjs";
import { startServer, type TestServer } from "./server.ts";

export type TestPostgres = { url: (database?: string) => string; createDatabase: (name: string) => void; stop: () => void };

/** Debian's PostgreSQL binaries (`apt-get install postgresql`), or PG_BIN: the ones `npm test` checked for. */
function binDir(): string {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN)");
  return bin;
}

/** A port free on 127.0.0.1 right now (someone may still take it before it is used). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * A throw-away PostgreSQL cluster on 127.0.0.1, trust auth, in a temp dir. PostgreSQL refuses to run
 * as root, so as root it runs as the `postgres` user.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "hookjar-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot ? execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], { stdio: "pipe" }) : execFileSync(path.join(bin, cmd), args, { stdio: "pipe" });
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
  // The free port can be taken by someone else before PostgreSQL binds it: then try another.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, "start"]);
      break;
    } catch (error) {
      const log = existsSync(path.join(dir, "log")) ? readFileSync(path.join(dir, "log"), "utf8") : "";
      if (attempt === 3) throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
    }
  }
  const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    createDatabase: (name) => run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name]),
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Two servers on one fresh PostgreSQL database, as a scale-out deployment runs them. */
export async function twoInstances(): Promise<{ postgres: TestPostgres; a: TestServer; b: TestServer; stop: () => Promise<void> }> {
  const postgres = await startPostgres();
  postgres.createDatabase("hookjar");
  const env = { DATABASE_URL: postgres.url("hookjar") };
  const [a, b] = await Promise.all([startServer(env), startServer(env)]);
  return {
    postgres,
    a,
    b,
    stop: async () => {
      await Promise.all([a.stop(), b.stop()]);
      postgres.stop();
    },
  };
}
