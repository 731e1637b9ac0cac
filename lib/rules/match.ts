import type { HeaderPairs } from "../schemas/common.ts";
import type { Rule, RuleMatch } from "../schemas/rules.ts";

/** Which rule answers a request: the first enabled one whose every condition holds. Pure: runs in the browser too. */

export type IncomingRequest = { method: string; path: string; query: string; headers: HeaderPairs; body: Uint8Array };

/** A path glob as a RegExp: `*` is one segment (no `/`), `**` any number of segments; the rest is literal. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      // "/**" at a segment boundary also matches the bare parent ("/a/**" matches "/a").
      if (out.endsWith("/")) out = `${out.slice(0, -1)}(?:/.*)?`;
      else out += ".*";
      i++;
    } else if (c === "*") out += "[^/]*";
    else out += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

function headerMatches(headers: HeaderPairs, condition: string): boolean {
  const colon = condition.indexOf(":");
  const name = (colon === -1 ? condition : condition.slice(0, colon)).trim().toLowerCase();
  const value = colon === -1 ? null : condition.slice(colon + 1).trim().toLowerCase();
  return headers.some(([n, v]) => n.toLowerCase() === name && (value === null || v.toLowerCase().includes(value)));
}

// Bytes that are not UTF-8 decode to U+FFFD and match nothing; the text around them still does.
const bodyContains = (body: Uint8Array, text: string) => new TextDecoder().decode(body).includes(text);

export function matches(match: RuleMatch, request: IncomingRequest): boolean {
  if (match.method && match.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (match.path && !globToRegExp(match.path).test(request.path)) return false;
  if (match.header && !headerMatches(request.headers, match.header)) return false;
  if (match.bodyContains && !bodyContains(request.body, match.bodyContains)) return false;
  return true;
}

export function firstMatch(rules: Rule[], request: IncomingRequest): Rule | null {
  return rules.find((rule) => rule.enabled && matches(rule.match, request)) ?? null;
}
