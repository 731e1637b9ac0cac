import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client.ts";
import { CreateBinSchema, CustomResponseSchema, ForwardSchema } from "../schemas/bin.ts";
import { RulesSchema, type Rule } from "../schemas/rules.ts";
import { db } from "./db.ts";
import { hashToken } from "../runtime/secrets.ts";
import { forwardColumns } from "./bins.ts";

/**
 * `HOOKJAR_BINS_FILE`: bins an operator keeps in git, created or brought in line at every start.
 * The file states each bin whole — a response, forward or rules it leaves out are removed — so
 * applying it twice gives the same bins. Entries are validated with the API's own schemas.
 */

const ProvisionedBinSchema = z
  .object({
    // A chosen id is as guessable as the operator makes it: it is the capture URL's only secret.
    id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "an id is 8–64 letters, digits, '-' or '_'"),
    name: CreateBinSchema.shape.name,
    response: CustomResponseSchema.nullable().optional(),
    forward: ForwardSchema.nullable().optional(),
    rules: RulesSchema.shape.rules.optional(),
    // The key every change to the bin needs, chosen by the operator (kept in the file, stored here
    // only as a hash). Left out, the bin keeps whatever key it has: none for a new bin, which stays
    // open to changes as bins made before keys are, or one it was given through the API.
    manageKey: z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, "a manage key is 22–128 letters, digits, '-' or '_' (22 random base62 characters are 131 bits)").optional(),
  })
  .strict();

const BinsFileSchema = z.object({ bins: z.array(z.unknown()) }).strict();

type ProvisionedBin = Omit<z.infer<typeof ProvisionedBinSchema>, "rules"> & { rules: Rule[] };

/** Reads and validates the file; a bad entry is an error naming it (`bins[2] "github-test": …`). */
export function readBinsFile(file: string): ProvisionedBin[] {
  const fail = (message: string): never => {
    throw new Error(`HOOKJAR_BINS_FILE ${file}: ${message}`);
  };
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    // YAML 1.2 reads JSON as well, so one parser serves both.
    data = parse(text);
  } catch (error) {
    fail(`is neither JSON nor YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const file_ = BinsFileSchema.safeParse(data);
  if (!file_.success) fail(`expected { "bins": [ … ] } at the top (${issue(file_.error)})`);
  const seen = new Set<string>();
  return file_.data!.bins.map((entry, i) => {
    const id = (entry as { id?: unknown } | null)?.id;
    const label = typeof id === "string" ? `bins[${i}] "${id}"` : `bins[${i}]`;
    const parsed = ProvisionedBinSchema.safeParse(entry);
    if (!parsed.success) fail(`${label}: ${issue(parsed.error)}`);
    if (seen.has(parsed.data!.id)) fail(`${label}: the id is given twice`);
    seen.add(parsed.data!.id);
    // A rule without an id gets one from its place, not a random one: applying the file again
    // must give the same rules.
    const rules = (parsed.data!.rules ?? []).map((rule, r) => ({ ...rule, id: rule.id ?? `rule-${r + 1}` }) as Rule);
    return { ...parsed.data!, rules };
  });
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first.path.length ? `${first.path.join(".")}: ${first.message}` : first.message;
}

/** Creates or updates every bin of the file, in one transaction; answers how many were new. */
export async function provisionBins(file: string): Promise<{ created: number; updated: number }> {
  const bins = readBinsFile(file);
  const prisma = await db();
  const existing = new Set((await prisma.bin.findMany({ where: { id: { in: bins.map((b) => b.id) } }, select: { id: true } })).map((b) => b.id));
  await prisma.$transaction(
    bins.map((bin) => {
      const data = {
        name: bin.name || null,
        response: bin.response ?? Prisma.DbNull,
        ...forwardColumns(bin.forward ?? null),
        rules: bin.rules.length ? bin.rules : Prisma.DbNull,
        rulesSavedAt: new Date(),
        ...(bin.manageKey ? { manageKeyHash: hashToken(bin.manageKey) } : {}),
      };
      return prisma.bin.upsert({ where: { id: bin.id }, create: { id: bin.id, ...data }, update: data });
    }),
  );
  return { created: bins.length - existing.size, updated: existing.size };
}
