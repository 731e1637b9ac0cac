import Mustache from "mustache";
import { z } from "zod";
import { EncodedBodySchema, FINAL_STATUS, HeaderNameSchema, HeaderPairsSchema, NAME_MAX } from "./common.ts";

/** Response rules and failure simulation (docs/api.md): how a bin answers, per path and method, on purpose. */

export const MAX_RULES = 50;

/** A Mustache template that parses (unclosed tags are refused when saved, not when a sender arrives). */
const TemplateSchema = z
  .string()
  .max(256 * 1024)
  .superRefine((text, ctx) => {
    try {
      Mustache.parse(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `The template does not parse: ${(error as Error).message}.` });
    }
  });

const number = (what: string) => z.number({ error: `${what[0].toUpperCase()}${what.slice(1)} must be a number.` });

const failStatus = (fallback: number) =>
  number("the failure status").int().min(400, "A failure status is 4xx or 5xx.").max(599, "A failure status is 4xx or 5xx.").default(fallback);

export const FaultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fail_first"), count: number("the count").int().min(1).max(100), status: failStatus(503) }),
  z.object({ kind: z.literal("fail_rate"), rate: number("the share").min(0).max(1), status: failStatus(500) }),
  z.object({ kind: z.literal("hang") }),
  z.object({ kind: z.literal("reset") }),
]);
export type Fault = z.infer<typeof FaultSchema>;
export const FAULT_KINDS = ["fail_first", "fail_rate", "hang", "reset"] as const;

export const RuleMatchSchema = z.object({
  method: z.string().regex(/^[A-Za-z-]{1,20}$/, "The method must be an HTTP method such as GET or POST.").optional(),
  path: z.string().min(1).max(500).regex(/^\//, "The path is a glob on the sub-path: it starts with /.").optional()
    .describe("`*` matches one segment, `**` any number"),
  header: z.string().min(1).max(300).optional().describe('"name" (present) or "name:value substring", any case'),
  bodyContains: z.string().min(1).max(10_000).optional(),
});
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

export const RuleRespondSchema = z.object({
  status: number("the status").int().min(200, FINAL_STATUS).max(599, FINAL_STATUS),
  headers: z.array(z.tuple([HeaderNameSchema, TemplateSchema])).max(100).default([]),
  body: TemplateSchema.default(""),
  delayMs: number("the delay").int().min(0).max(30_000).default(0),
});

export const RuleSchema = z.object({
  id: z.string().regex(/^[\w-]{1,40}$/, "The id may hold letters, digits, _ and - (up to 40).").optional(),
  name: z.string().trim().max(NAME_MAX).optional(),
  enabled: z.boolean().default(true),
  match: RuleMatchSchema.default({}),
  respond: RuleRespondSchema,
  fault: FaultSchema.optional(),
});
/** A rule as sent: `id` may be left out (the server assigns one). */
export type RuleInput = z.input<typeof RuleSchema>;
/** A rule as stored and answered: always with its id. */
export type Rule = z.infer<typeof RuleSchema> & { id: string };

export const RulesSchema = z.object({
  rules: z
    .array(RuleSchema)
    .max(MAX_RULES, `At most ${MAX_RULES} rules.`)
    .refine((rules) => new Set(rules.flatMap((r) => (r.id ? [r.id] : []))).size === rules.filter((r) => r.id).length, "Rule ids must be unique."),
});

export const RuleListSchema = z.object({ rules: z.array(RuleSchema.extend({ id: z.string() })) });
export type RuleList = { rules: Rule[] };

/** What a sender was answered, recorded with each capture. */
export const CaptureResponseSchema = z.object({
  status: z.number().int().nullable().describe("null when the connection hung or was reset"),
  ruleId: z.string().nullable(),
  ruleName: z.string().nullable().describe("The rule's name when it answered (it may be renamed or gone since)"),
  fault: z.enum(FAULT_KINDS).nullable(),
  delayMs: z.number().int(),
  // Pass-through forwarding: the sender got the forward target's own answer, kept in full.
  forwarded: z.literal(true).optional().describe("Present when the bin forwards in pass-through mode: the answer was the forward target's (or 502/504 when it had none)"),
  headers: HeaderPairsSchema.optional().describe("pass-through: the headers the sender got (the target's, less hop-by-hop ones)"),
  body: EncodedBodySchema.extend({ truncated: z.boolean() }).optional().describe("pass-through: the body the sender got (cut off past 1 MiB)"),
});
export type CaptureResponse = z.infer<typeof CaptureResponseSchema>;
