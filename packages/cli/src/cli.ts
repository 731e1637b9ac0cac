import { createHash } from "node:crypto";
import { homedir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseTargetUrl } from "../../../lib/outbound/sender.ts";
import { parseCaptureUrl, startRelay } from "./relay.ts";
import { replay } from "./replay.ts";
import { tail } from "./tail.ts";

/** `hookjar …` on the command line. Returns the exit code; a running relay returns on Ctrl-C. */

const USAGE = `Usage: hookjar relay <captureUrl> --to <url> [options]

Replays every new capture of a Hookjar bin to a URL this machine can reach, such as
a development server on localhost. Use it with a hosted Hookjar, which cannot (and
must not) reach your machine itself.

  <captureUrl>         the bin's capture URL, e.g. https://hooks.example.com/b/Xy3…
  --to <url>           where to send each capture; its sub-path and query are appended
                       (/b/Xy3…/github/push?x=1 → <url>/github/push?x=1)
  --token <token>      view token of a private bin (or add ?token=… to <captureUrl>)
  --timeout <ms>       how long to wait for the target's answer (default 10000)
  --state <file>       where to keep the relay's place in the bin, so a restart delivers
                       what arrived meanwhile, once (default: one file per bin under
                       $XDG_STATE_HOME/hookjar, else ~/.local/state/hookjar)
  -h, --help           show this help

Each capture is delivered once, in the order the bin received it; after a lost
connection or a restart, what arrived meanwhile is delivered first. While the
target is down (no connection, timeout, 5xx, 429) the same capture is tried
again with backoff; later captures wait their turn.

Example:
  npx hookjar relay https://hooks.example.com/b/Xy3… --to http://localhost:8080/hooks

Other commands (each with --help):
  hookjar tail <captureUrl|inspectUrl> [--token t] [--json]   print captures as they arrive
  hookjar replay <inspectUrl> --to <url> --key <manageKey> [--timing none] [--speed n] [captureId…]
`;

export async function main(argv: string[]): Promise<number> {
  // Commands of their own, each with its own options and --help.
  if (argv[0] === "tail") return tail(argv.slice(1));
  if (argv[0] === "replay") return replay(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        token: { type: "string" },
        timeout: { type: "string" },
        state: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [command, captureUrl, ...extra] = positionals;
  if (command !== "relay") return usageError(command ? `Unknown command "${command}".` : "No command given.");
  if (!captureUrl || extra.length) return usageError("Give exactly one capture URL.");
  if (!values.to) return usageError("--to <url> is required: where should captures be sent?");
  const timeoutMs = Number(values.timeout ?? 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 300_000) {
    return usageError("--timeout must be a whole number of milliseconds between 1 and 300000.");
  }
  try {
    parseTargetUrl(values.to);
  } catch (error) {
    return usageError(`--to: ${(error as Error).message}`);
  }

  // Listening before the relay starts: a Ctrl-C at any moment is a clean stop, never a kill.
  const interrupted = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  let relay;
  try {
    const stateFile = values.state ?? defaultStateFile(captureUrl);
    relay = startRelay({ captureUrl, to: values.to, token: values.token, timeoutMs, stateFile, log: (line) => console.log(line) });
  } catch (error) {
    return usageError((error as Error).message);
  }
  try {
    await Promise.race([relay.ready, interrupted]);
  } catch (error) {
    void relay.stop();
    console.error(`hookjar: ${(error as Error).message}`);
    return 1;
  }
  await interrupted;
  // The delivery in progress finishes (its position is saved); a second Ctrl-C does not wait.
  const impatient = () => process.exit(130);
  process.once("SIGINT", impatient);
  process.once("SIGTERM", impatient);
  await relay.stop();
  console.log("Stopped.");
  return 0;
}

/** One position file per bin, in the user's state folder (XDG). */
function defaultStateFile(captureUrl: string): string {
  const { origin, binId } = parseCaptureUrl(captureUrl);
  // Hashed: the URL's id may hold anything a file name cannot.
  const base = process.env.XDG_STATE_HOME || path.join(homedir(), ".local", "state");
  const key = createHash("sha256").update(`${origin}/b/${binId}`).digest("hex").slice(0, 16);
  return path.join(base, "hookjar", `relay-${key}.json`);
}

function usageError(message: string): number {
  console.error(`hookjar: ${message}\nRun "hookjar --help" for usage.`);
  return 2;
}
