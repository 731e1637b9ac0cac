import { z } from "zod";
import { EncodedBodySchema, HeaderPairsSchema } from "./common.ts";
import { SchemeSchema } from "./signature.ts";

/** `GET /api/samples`: realistic provider events to start a resend from. */

export const SampleSchema = z.object({
  id: z.string().describe("Stable: names the sample, e.g. github.push"),
  provider: z.string(),
  event: z.string(),
  description: z.string(),
  method: z.string(),
  path: z.string().describe("A sub-path to send it to, as the provider's webhook settings would name it"),
  headers: HeaderPairsSchema,
  body: EncodedBodySchema,
  scheme: SchemeSchema.nullable().describe("The verify/sign scheme that fits; null when the provider signs nothing"),
});
export type Sample = z.infer<typeof SampleSchema>;

export const SampleListSchema = z.object({ items: z.array(SampleSchema) });
