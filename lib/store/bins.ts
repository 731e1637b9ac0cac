import { hashToken } from "../runtime/secrets.ts";
import { notFound } from "../runtime/errors.ts";
import { newBinId, newRuleId, newToken } from "../runtime/ids.ts";
import { Prisma, type Bin } from "../generated/prisma/client.ts";
import type { CreateBinInput, CustomResponse, Forward } from "../schemas/bin.ts";
import { RuleSchema, type Rule, type RuleInput } from "../schemas/rules.ts";
import { reportChange } from "./changes.ts";
import { db } from "./db.ts";
import { forgetRefusals } from "./refusals.ts";

/**
 * Bins: create, find, change, delete. Functions given a bin id trust the caller to have found the
 * bin (the API does, before any handler runs: lib/http/api.ts); updates still answer 404 on their own.
 */

/** A new bin, with its manage key (and a private bin's view token): answered this once, kept only as hashes. */
export async function createBin(input: CreateBinInput) {
  const prisma = await db();
  const viewToken = input.private ? newToken() : null;
  const manageKey = newToken();
  const bin = await prisma.bin.create({
    data: { id: newBinId(), name: input.name || null, viewTokenHash: viewToken ? hashToken(viewToken) : null, manageKeyHash: hashToken(manageKey) },
  });
  return { bin, viewToken, manageKey };
}

export async function findBin(id: string): Promise<Bin | null> {
  const prisma = await db();
  return prisma.bin.findUnique({ where: { id } });
}

export async function getBin(id: string): Promise<Bin> {
  const bin = await findBin(id);
  if (!bin) throw notFound("bin");
  return bin;
}

const BIN_CACHE_MS = 2000;
// The capture path looks its bin up on every request; a short-lived cache spares that query.
// Changes made in this process drop their entry at once; other instances' changes show within BIN_CACHE_MS.
const binCache = new Map<string, { bin: Bin | null; at: number }>();

/** Like findBin, but may answer from a cache at most BIN_CACHE_MS old. */
export async function findBinCached(id: string): Promise<Bin | null> {
  const hit = binCache.get(id);
  if (hit && Date.now() - hit.at < BIN_CACHE_MS) return hit.bin;
  const bin = await findBin(id);
  if (binCache.size > 10_000) binCache.clear();
  binCache.set(id, { bin, at: Date.now() });
  return bin;
}

export async function countCaptures(binId: string): Promise<number> {
  const prisma = await db();
  return prisma.capture.count({ where: { binId } });
}

export async function deleteBin(id: string): Promise<void> {
  const prisma = await db();
  // Its refusal rows go by cascade; those still being counted are dropped first.
  await forgetRefusals(id);
  const { count } = await prisma.bin.deleteMany({ where: { id } });
  binCache.delete(id);
  if (count === 0) throw notFound("bin");
  reportChange({ type: "bin:deleted", binId: id });
}

export async function setBinName(id: string, name: string | null): Promise<void> {
  await updateBin(id, { name: name || null });
}

/** Makes the bin private (answering its new view token) or public (answering null); either way old tokens stop working. */
export async function setBinPrivacy(id: string, makePrivate: boolean): Promise<string | null> {
  const viewToken = makePrivate ? newToken() : null;
  await updateBin(id, { viewTokenHash: viewToken ? hashToken(viewToken) : null });
  reportChange({ type: "bin:access", binId: id, private: makePrivate });
  return viewToken;
}

/** A new manage key for the bin (its first, for a bin made before keys): answered this once, the old one stops working. */
export async function setManageKey(id: string): Promise<string> {
  const manageKey = newToken();
  await updateBin(id, { manageKeyHash: hashToken(manageKey) });
  return manageKey;
}

/** Every bin, newest first, with its count and latest capture: the operator's view. */
export async function listAllBins() {
  const prisma = await db();
  const [bins, stats] = await Promise.all([
    prisma.bin.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, createdAt: true, viewTokenHash: true, manageKeyHash: true } }),
    prisma.capture.groupBy({ by: ["binId"], _count: { _all: true }, _max: { receivedAt: true } }),
  ]);
  const byBin = new Map(stats.map((s) => [s.binId, s]));
  return bins.map((bin) => ({
    id: bin.id,
    name: bin.name,
    private: bin.viewTokenHash !== null,
    managed: bin.manageKeyHash !== null,
    requestCount: byBin.get(bin.id)?._count._all ?? 0,
    createdAt: bin.createdAt.toISOString(),
    lastCaptureAt: byBin.get(bin.id)?._max.receivedAt?.toISOString() ?? null,
  }));
}

export async function setBinResponse(id: string, response: CustomResponse | null): Promise<void> {
  await updateBin(id, { response: response ?? Prisma.DbNull });
}

/** Replaces the bin's rules (ids kept, missing ones assigned); fail_first counts start afresh. */
export async function setBinRules(id: string, rules: RuleInput[]): Promise<Rule[]> {
  const withIds = rules.map((rule) => RuleSchema.parse({ ...rule, id: rule.id ?? newRuleId() }) as Rule);
  await updateBin(id, { rules: withIds.length ? withIds : Prisma.DbNull, rulesSavedAt: new Date() });
  // Counts are kept per rules version: the old version's are dead weight now.
  await (await db()).faultCount.deleteMany({ where: { binId: id } });
  return withIds;
}

export const binRules = (bin: Bin): Rule[] => (bin.rules as Rule[] | null) ?? [];

export async function setBinForward(id: string, forward: Forward | null): Promise<void> {
  await updateBin(id, forwardColumns(forward));
}

/** A forward setting as the bin's columns; null removes it (the defaults come back). */
export function forwardColumns(forward: Forward | null) {
  return {
    forwardUrl: forward?.url ?? null,
    forwardEnabled: forward?.enabled ?? false,
    forwardMode: forward?.mode ?? "async",
    forwardTimeoutMs: forward?.timeoutMs ?? 10_000,
  };
}

async function updateBin(id: string, data: Prisma.BinUpdateManyMutationInput) {
  const prisma = await db();
  const { count } = await prisma.bin.updateMany({ where: { id }, data });
  binCache.delete(id);
  if (count === 0) throw notFound("bin");
}
