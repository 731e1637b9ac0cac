import { z } from "zod";

/**
 * Zod's issues as one sentence a person can act on, naming the field ("The name can be at most 80
 * characters."), instead of "Too big: expected string to have <=80 characters". Set once for every
 * schema, so the API's messages, its `issues` and the browser's own checks of the same schemas all
 * read alike. A schema's own message, where it has one, still wins.
 */

// Fields whose name does not read well as words by itself.
const LABELS: Record<string, string> = {
  delayMs: "the delay (ms)",
  toleranceS: "the tolerance (s)",
  url: "the URL",
  captureId: "the capture id",
  bodyContains: "the body text to match",
  q: "the search text",
  id: "the id",
  private: "the private setting",
  enabled: "the enabled setting",
};

/** The field an issue is about, in words: its last named part of the path, and which item of a list. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const named = path.filter((p): p is string => typeof p === "string");
  const key = named[named.length - 1];
  if (key === undefined) return "the request body";
  const words = LABELS[key] ?? `the ${key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}`;
  const index = path.slice(path.lastIndexOf(key) + 1).find((p): p is number => typeof p === "number");
  return index === undefined ? words : `${words} (item ${index + 1})`;
}

const sentence = (label: string, rest: string) => `${label[0].toUpperCase()}${label.slice(1)} ${rest}.`;

const KINDS: Record<string, string> = {
  number: "a number", int: "a whole number", string: "text", boolean: "true or false", array: "a list", object: "an object",
  tuple: "a list", bigint: "a whole number", date: "a date",
};

const sizeOf = (origin: string, n: number | bigint) =>
  origin === "string" ? `${n} ${n === 1 ? "character" : "characters"}` : origin === "array" || origin === "set" ? `${n} ${n === 1 ? "item" : "items"}` : String(n);

function message(issue: z.core.$ZodRawIssue): string | undefined {
  const label = fieldLabel(issue.path ?? []);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return sentence(label, "is required");
      return sentence(label, `must be ${KINDS[issue.expected] ?? issue.expected}`);
    case "too_big":
      return sentence(label, `can be at most ${sizeOf(issue.origin, issue.maximum)}`);
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return sentence(label, "must not be empty");
      return sentence(label, `must be at least ${sizeOf(issue.origin, issue.minimum)}`);
    case "invalid_value":
      return sentence(label, issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`);
    case "invalid_format":
      return sentence(label, issue.format === "url" ? "must be a URL" : issue.format === "regex" ? "is not in the expected form" : `must be a valid ${issue.format}`);
    case "not_multiple_of":
      return sentence(label, `must be a multiple of ${issue.divisor}`);
    case "unrecognized_keys":
      return `Unknown ${issue.keys.length === 1 ? "field" : "fields"}: ${issue.keys.join(", ")}.`;
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
      return sentence(label, "is not valid");
    default:
      return undefined;
  }
}

z.config({ customError: message });
