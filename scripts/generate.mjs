// `npm run db:generate` (also run after `npm install`): derives prisma/postgres/schema.prisma from the
// source schema and generates both Prisma clients. Prisma's own banners say nothing a user must act
// on, so they are shown only when a step fails; success is one line.
import { spawnSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);
// Generation never runs Prisma's schema engine; pointing it at /bin/false keeps the CLI from
// downloading one (offline machines cannot), and makes any command that would need it fail loudly.
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" };

const steps = [
  [bin("tsx"), ["scripts/postgres-schema.ts"]],
  [bin("prisma"), ["generate"]],
  [bin("prisma"), ["generate", "--schema", "prisma/postgres/schema.prisma"]],
];
for (const [command, args] of steps) {
  const run = spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8" });
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout ?? ""}${run.stderr ?? ""}`);
    console.error(`db:generate failed: ${path.basename(command)} ${args.join(" ")}${run.error ? ` (${run.error.message})` : ""}`);
    process.exit(1);
  }
}
console.log("Prisma clients generated (SQLite and PostgreSQL) in lib/generated/");
