import Mustache from "mustache";
import type { IncomingRequest } from "./match.ts";

/**
 * Response templates: Mustache (logic-less, no code runs), with a lookup that reads own properties
 * only, so `{{json.constructor}}` or `{{header.__proto__}}` render empty instead of reaching into
 * prototypes, and `{{header.X-Name}}` finds its header in any case. Pure: runs in the browser too.
 */

export type TemplateView = {
  method: string;
  path: string;
  query: Record<string, string>;
  header: Record<string, string>;
  json: unknown;
  captureId: string;
  receivedAt: string;
};

function ownPath(value: unknown, names: string[]): unknown {
  let at = value;
  for (const name of names) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, name)) return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  return at;
}

class OwnContext extends Mustache.Context {
  push(view: unknown): Mustache.Context {
    return new OwnContext(view, this);
  }

  lookup(name: string): unknown {
    if (name === ".") return this.view;
    const [root, ...rest] = name.split(".");
    // Header names may hold dots and come in any case: everything after "header." is one name.
    const names = root === "header" && rest.length ? [root, rest.join(".").toLowerCase()] : [root, ...rest];
    for (let context: Mustache.Context | undefined = this; context; context = context.parent) {
      const value = ownPath(context.view, names);
      if (value !== undefined) return value;
    }
    return undefined;
  }
}

// Bodies are JSON, XML or text, not HTML: nothing is entity-escaped; objects render as JSON.
const asText = (value: unknown) => (typeof value === "object" ? JSON.stringify(value) : String(value));

export function renderTemplate(template: string, view: TemplateView): string {
  return Mustache.render(template, new OwnContext(view), {}, { escape: asText });
}

function decodeQuery(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return part;
  }
}

/** The values a template may use, from the request as received. */
export function templateView(request: IncomingRequest, captureId: string, receivedAt: string): TemplateView {
  // Maps, then fromEntries: a name like "__proto__" becomes an own property, never a prototype.
  const query = new Map<string, string>();
  for (const part of request.query ? request.query.split("&") : []) {
    const eq = part.indexOf("=");
    const name = decodeQuery(eq === -1 ? part : part.slice(0, eq));
    if (!query.has(name)) query.set(name, eq === -1 ? "" : decodeQuery(part.slice(eq + 1)));
  }
  const header = new Map<string, string>();
  for (const [name, value] of request.headers) if (!header.has(name.toLowerCase())) header.set(name.toLowerCase(), value);
  let json: unknown = null;
  try {
    json = JSON.parse(new TextDecoder().decode(request.body));
  } catch {
    // Not JSON: {{json.…}} renders empty.
  }
  return { method: request.method, path: request.path, query: Object.fromEntries(query), header: Object.fromEntries(header), json, captureId, receivedAt };
}
