import { parseArgs } from "node:util";
import { parseTargetUrl } from "../../../lib/outbound/sender.ts";
import { startRelay } from "./relay.ts";

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
  -h, --help           show this help

Example:
  npx hookjar relay https://hooks.example.com/b/Xy3… --to http://localhost:8080/hooks
`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        token: { type: "string" },
        timeout: { type: "string" },
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

  let relay;
  try {
    relay = startRelay({ captureUrl, to: values.to, token: values.token, timeoutMs, log: (line) => console.log(line) });
  } catch (error) {
    return usageError((error as Error).message);
  }
  try {
    await relay.ready;
  } catch (error) {
    relay.stop();
    console.error(`hookjar: ${(error as Error).message}`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  relay.stop();
  return 0;
}

function usageError(message: string): number {
  console.error(`hookjar: ${message}\nRun "hookjar --help" for usage.`);
  return 2;
}
