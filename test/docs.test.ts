import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// What the docs must agree with, in one place: when the code moves, only these lines change.
import { ERROR_STATUS } from "../lib/http/errors.ts";
import { EnvSchema, loadConfig } from "../lib/runtime/config.ts";
import { serverEventSchemas, SubscribeSchema } from "../lib/schemas/events.ts";
import { startServer, type TestServer } from "./helpers/server.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
/** Source files read as text where the code exports nothing to import. */
const SOURCES = {
  events: "lib/schemas/events.ts",
  prisma: "prisma/schema.prisma",
  // Where environment variables other than the schema's are read.
  envReaders: ["server.ts", "scripts/start.mjs"],
};

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const doc = (name: string) => read(`docs/${name}`);

/** The text under a heading (any level), up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, "").trim() === heading);
  if (start === -1) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level);
  return lines.slice(start + 1, end === -1 ? undefined : end).join("\n");
}

/** A markdown table's body rows as cells (each table's header and separator rows left out). */
function tableRows(markdown: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  for (const line of markdown.split("\n")) {
    const isRow = line.startsWith("|");
    // A table's first row is its header.
    if (isRow && inTable && !/^\|[\s|:-]+\|$/.test(line)) rows.push(line.slice(1, -1).split("|").map((c) => c.trim()));
    inTable = isRow;
  }
  return rows;
}

/** The first backticked word of a table cell, e.g. "`PORT`" → "PORT". */
const code = (cell: string) => /^`([^`]+)`/.exec(cell)?.[1];

const sorted = (items: Iterable<string>) => [...new Set(items)].sort();

// ---------------------------------------------------------------------------------------------
// HTTP operations

const METHODS = ["get", "post", "put", "patch", "delete", "head", "options"];
// `ANY /path` in the docs: every method OpenAPI can name.
const ANY = METHODS.map((m) => m.toUpperCase());

/** Every `METHOD /path` the markdown names in backticks (ANY expanded). */
function documentedOperations(markdown: string): string[] {
  const found: string[] = [];
  for (const [, method, route] of markdown.matchAll(/`(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[^`\s]*)`/g)) {
    for (const m of method === "ANY" ? ANY : [method]) found.push(`${m} ${route}`);
  }
  return sorted(found);
}

type OpenApi = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

function openApiOperations(openapi: OpenApi): Map<string, string[]> {
  const ops = new Map<string, string[]>();
  for (const [route, item] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      ops.set(`${method.toUpperCase()} ${route}`, Object.keys(op.responses).filter((s) => s.startsWith("2")));
    }
  }
  return ops;
}

describe("docs/api.md", () => {
  let server: TestServer;
  let openapi: OpenApi;
  const api = doc("api.md");

  beforeAll(async () => {
    server = await startServer();
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    openapi = (await res.json()) as OpenApi;
  });
  afterAll(() => server?.stop());

  it("names every operation of the served OpenAPI document", () => {
    const served = [...openApiOperations(openapi).keys()];
    expect(served.length).toBeGreaterThan(20);
    const documented = new Set(documentedOperations(api));
    expect(served.filter((op) => !documented.has(op)), "operations missing from docs/api.md").toEqual([]);
  });

  it("names no operation the server does not have", () => {
    const served = openApiOperations(openapi);
    const unknown = documentedOperations(api).filter((op) => !served.has(op));
    expect(unknown, "operations in docs/api.md that the OpenAPI document does not have").toEqual([]);
  });

  it("gives each operation the success statuses the OpenAPI document gives it", () => {
    const served = openApiOperations(openapi);
    const rows = tableRows(section(api, "Operations at a glance"));
    expect(rows.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const [operation, , success] of rows) {
      for (const op of documentedOperations(operation)) {
        for (const status of served.get(op) ?? []) if (!success.includes(status)) wrong.push(`${op}: ${status} not in "${success}"`);
      }
    }
    expect(wrong).toEqual([]);
    // Every operation has its row in the table, not only a mention somewhere.
    const inTable = new Set(rows.flatMap(([operation]) => documentedOperations(operation)));
    expect([...served.keys()].filter((op) => !inTable.has(op)), "operations missing from the table").toEqual([]);
  });

  it("lists every error code with its status, and no other", () => {
    const rows = tableRows(section(api, "Errors")).filter(([c, s]) => code(c) && /^\d{3}$/.test(s));
    const documented = Object.fromEntries(rows.map(([c, s]) => [code(c)!, Number(s)]));
    expect(documented).toEqual(ERROR_STATUS);
  });
});

// ---------------------------------------------------------------------------------------------
// Socket.IO events

describe("docs/events.md", () => {
  const events = doc("events.md");
  const eventName = /`([a-z]+:[a-z]+)`/g;
  const source = read(SOURCES.events);
  const serverEvents = Object.keys(serverEventSchemas);
  // Names declared in the source: the event maps and the typed interfaces (client → server too).
  const allEvents = sorted([...serverEvents, ...[...source.matchAll(/"([a-z]+:[a-z]+)"\s*:/g)].map(([, n]) => n)]);
  const clientEvents = allEvents.filter((n) => !serverEvents.includes(n));

  const tableOf = (heading: string) => tableRows(section(events, heading)).filter(([name]) => code(name)?.includes(":"));

  it("names every event of lib/schemas/events.ts, and no other", () => {
    expect(clientEvents.length).toBeGreaterThan(0);
    expect(sorted([...events.matchAll(eventName)].map(([, n]) => n))).toEqual(allEvents);
  });

  it("puts each event in its direction's table", () => {
    expect(sorted(tableOf("Server → client").map(([n]) => code(n)!))).toEqual(sorted(serverEvents));
    expect(sorted(tableOf("Client → server").map(([n]) => code(n)!))).toEqual(clientEvents);
  });

  it("lists every payload field", () => {
    const missing: string[] = [];
    const check = (name: string, fields: string[], row: string) => {
      for (const f of fields) if (!new RegExp(`\\b${f}\\b`).test(row)) missing.push(`${name}.${f}`);
    };
    for (const row of tableOf("Server → client")) {
      const name = code(row[0])! as keyof typeof serverEventSchemas;
      check(name, Object.keys(serverEventSchemas[name].shape), row[1]);
    }
    for (const row of tableOf("Client → server")) check(code(row[0])!, Object.keys(SubscribeSchema.shape), row[1]);
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Environment variables

const envSchemaKeys = (): string[] => sorted(Object.keys(EnvSchema.shape));

describe("docs/configuration.md", () => {
  const configuration = doc("configuration.md");
  const rows = tableRows(section(configuration, "Variables")).filter(([name]) => code(name));

  it("documents every key of the environment schema, and no other", () => {
    const keys = envSchemaKeys();
    expect(keys.length).toBeGreaterThan(5);
    expect(sorted(rows.map(([name]) => code(name)!))).toEqual(keys);
  });

  it("gives each variable the default the schema gives it", () => {
    const defaults = loadConfig({} as NodeJS.ProcessEnv);
    const wrong = rows.flatMap(([name, fallback]) => {
      const value = defaults[code(name)! as keyof typeof defaults];
      if (value === undefined || value === null || typeof value === "object") return [];
      return fallback.includes(`\`${String(value)}\``) ? [] : [`${code(name)}: default ${String(value)}, documented "${fallback}"`];
    });
    expect(wrong).toEqual([]);
  });

  it("names, besides the schema's, only variables the server reads", () => {
    const readers = SOURCES.envReaders.map(read).join("\n");
    const others = tableRows(section(configuration, "Also read")).map(([name]) => code(name)).filter(Boolean) as string[];
    expect(others.filter((name) => !readers.includes(`process.env.${name}`))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Stored models

/** Each model of the Prisma schema with its field names. */
function prismaModels(): Map<string, string[]> {
  const models = new Map<string, string[]>();
  for (const [, name, body] of read(SOURCES.prisma).matchAll(/^model (\w+) \{\n([\s\S]*?)\n\}/gm)) {
    const fields = body
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("//") && !l.startsWith("@@"))
      .map((l) => l.split(/\s+/)[0]);
    models.set(name, sorted(fields));
  }
  return models;
}

describe("docs/data-model.md", () => {
  const dataModel = doc("data-model.md");
  const models = prismaModels();
  const documented = sorted([...section(dataModel, "Models").matchAll(/^### (\w+)$/gm)].map(([, n]) => n));

  it("documents every model of prisma/schema.prisma, and no other", () => {
    expect(models.size).toBeGreaterThan(3);
    expect(documented).toEqual(sorted(models.keys()));
  });

  it("documents every field of each model, and no other", () => {
    for (const [name, fields] of models) {
      const rows = tableRows(section(dataModel, name)).filter(([f]) => code(f));
      expect(sorted(rows.map(([f]) => code(f)!)), `fields of ${name}`).toEqual(fields);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The docs as a whole

describe("docs/", () => {
  const files = readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md"));

  it("holds the pages the index lists, and the index links each one", () => {
    expect(files).toEqual(expect.arrayContaining(["README.md", "api.md", "events.md", "configuration.md", "data-model.md"]));
    const index = doc("README.md");
    expect(files.filter((f) => f !== "README.md" && !index.includes(`](${f})`))).toEqual([]);
  });

  it("stands on its own: no reference to documents outside the repository", () => {
    // The team's working notes live outside the repository; the product's docs never point there.
    const outside = /SPEC\.md|SETUP\.md|\.\.\/shared|\/work\/shared/i;
    expect(files.filter((f) => outside.test(doc(f)))).toEqual([]);
  });
});
