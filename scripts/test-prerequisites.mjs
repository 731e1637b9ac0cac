// `npm test` runs this first: the suite drives programs outside node_modules, and a missing one
// should stop it in a second, naming the fix, not after the three-minute build and half the suite.
// Plain JavaScript run by Node alone, like build.mjs: nothing may need installing for it to run.
// The test helpers import the paths from here, so what is checked is what the tests use.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The program's path on PATH, or null. */
export function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/** Debian's Chromium, which playwright-core drives (its own browser download is not available), or CHROMIUM_PATH. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** The PostgreSQL binaries: PG_BIN, or the newest of Debian's /usr/lib/postgresql/<version>/bin. */
export function postgresBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => executable(path.join(root, v, "bin", "initdb"))) : [];
  // Numerically: "9.6" must not count as newer than "17".
  const newest = versions.sort((a, b) => parseFloat(a) - parseFloat(b)).at(-1);
  return newest ? path.join(root, newest, "bin") : null;
}

// Debian's multiarch directory for this machine's libraries.
const MULTIARCH = { x64: "x86_64-linux-gnu", arm64: "aarch64-linux-gnu" }[process.arch] ?? `${process.arch}-linux-gnu`;
/** Debian's libfaketime (package faketime), preloaded to give one server a clock that runs behind. */
export const FAKETIME = `/usr/lib/${MULTIARCH}/faketime/libfaketime.so.1`;

/**
 * Everything outside node_modules the suite runs, with the Debian package that provides it.
 * `problem` answers null when it is there, else what is wrong; `fixable` says whether installing the
 * package fixes it (a CHROMIUM_PATH or PG_BIN that points nowhere is the user's to correct).
 */
const REQUIREMENTS = [
  {
    // The end-to-end tests (test/helpers/browser.ts).
    package: "chromium",
    problem: () => (executable(chromiumPath()) ? null : process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable` : "Chromium (/usr/bin/chromium)"),
    fixable: () => !process.env.CHROMIUM_PATH,
  },
  {
    // initdb, pg_ctl and createdb for the throw-away clusters of the scale-out tests (test/helpers/postgres.ts).
    package: "postgresql",
    problem: () => {
      const bin = postgresBin();
      if (bin && ["initdb", "pg_ctl", "createdb"].every((p) => executable(path.join(bin, p)))) return null;
      return process.env.PG_BIN ? `PG_BIN=${process.env.PG_BIN} holds no initdb, pg_ctl and createdb` : "PostgreSQL (/usr/lib/postgresql/*/bin/initdb)";
    },
    fixable: () => !process.env.PG_BIN,
  },
  // A copied cURL command must work in bash, sh and zsh (test/helpers/shells.ts); it runs curl.
  { package: "bash", problem: () => (onPath("bash") ? null : "bash"), fixable: () => true },
  { package: "zsh", problem: () => (onPath("zsh") ? null : "zsh"), fixable: () => true },
  { package: "curl", problem: () => (onPath("curl") ? null : "curl"), fixable: () => true },
  // One scale-out server runs with its clock set back (test/postgres.test.ts).
  { package: "faketime", problem: () => (existsSync(FAKETIME) ? null : `libfaketime (${FAKETIME})`), fixable: () => true },
];

/** What is missing, as { package, problem, fixable }. */
export function missing() {
  return REQUIREMENTS.map((r) => ({ package: r.package, problem: r.problem(), fixable: r.fixable() })).filter((r) => r.problem);
}

const isDebian = () => existsSync("/etc/debian_version") && onPath("apt-get") !== null;
const isRoot = () => process.getuid?.() === 0;

/** As .ci/run does on a fresh machine: as root on Debian, apt-get installs what is missing. */
function install(packages) {
  console.error(`Installing for the tests: ${packages.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const quiet = { stdio: ["ignore", "ignore", "inherit"], env };
  spawnSync("apt-get", ["update", "-qq"], quiet);
  spawnSync("apt-get", ["install", "-y", "-qq", ...packages], quiet);
}

export function main() {
  let absent = missing();
  if (absent.length === 0) return 0;
  const fixable = absent.filter((r) => r.fixable);
  if (fixable.length > 0 && isRoot() && isDebian()) {
    install(fixable.map((r) => r.package));
    absent = missing();
    if (absent.length === 0) return 0;
  }
  const packages = absent.filter((r) => r.fixable).map((r) => r.package);
  const command = packages.length ? ` Install with: ${isRoot() ? "" : "sudo "}apt-get install -y ${packages.join(" ")}` : "";
  // One line: what is missing and the exact command that brings it.
  console.error(`The tests need what is missing here: ${absent.map((r) => r.problem).join(", ")}.${command}`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
