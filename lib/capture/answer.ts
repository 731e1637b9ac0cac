import type { IncomingMessage, ServerResponse } from "node:http";
import { toErrorResponse } from "../http/errors.ts";
import { corsHeaders, customAnswer, defaultAnswer, ruleAnswer, type ComposedAnswer } from "../rules/answer.ts";
import { templateView } from "../rules/template.ts";
import { firstMatch, type IncomingRequest } from "../rules/match.ts";
import type { CustomResponse } from "../schemas/bin.ts";
import type { CaptureResponse, Rule } from "../schemas/rules.ts";
import { deliveryIdOf } from "../store/delivery.ts";
import { failsNow, hang } from "./faults.ts";

/**
 * What the capture path says back to a sender. The answer is decided before the capture is stored
 * (so the capture records it), and sent once it is stored: a CORS preflight's, the first matching
 * rule's (or its fault's), the bin's custom response, or the default `{ ok, id }` — each composed
 * by lib/rules/answer.ts, which the settings panel's preview runs too.
 */

export type Answer =
  | { kind: "preflight"; method: string; headers: string }
  | { kind: "default" }
  | { kind: "custom"; custom: CustomResponse }
  | { kind: "rule"; rule: Rule; failStatus: number | null };

type AnsweringBin = { id: string; response: unknown; rules: unknown; rulesSavedAt: Date | null };

export async function decideAnswer(req: IncomingMessage, bin: AnsweringBin, request: IncomingRequest): Promise<Answer> {
  const preflight = req.headers["access-control-request-method"];
  if (req.method === "OPTIONS" && preflight) {
    return { kind: "preflight", method: preflight, headers: req.headers["access-control-request-headers"] ?? "*" };
  }
  const rule = firstMatch((bin.rules as Rule[] | null) ?? [], request);
  if (rule) {
    const key = { binId: bin.id, rulesVersion: bin.rulesSavedAt?.getTime() ?? 0, ruleId: rule.id, deliveryId: deliveryIdOf(request.headers, request.body) };
    const fails = rule.fault?.kind === "fail_first" || rule.fault?.kind === "fail_rate" ? await failsNow(rule.fault, key) : false;
    return { kind: "rule", rule, failStatus: fails && rule.fault && "status" in rule.fault ? rule.fault.status : null };
  }
  const custom = bin.response as CustomResponse | null;
  return custom ? { kind: "custom", custom } : { kind: "default" };
}

/** The record a capture keeps of its answer. */
export function answerRecord(answer: Answer): CaptureResponse {
  switch (answer.kind) {
    case "preflight":
      return { status: 204, ruleId: null, ruleName: null, fault: null, delayMs: 0 };
    case "default":
      return { status: 200, ruleId: null, ruleName: null, fault: null, delayMs: 0 };
    case "custom":
      return { status: answer.custom.status, ruleId: null, ruleName: null, fault: null, delayMs: answer.custom.delayMs };
    case "rule": {
      const { rule, failStatus } = answer;
      const kind = rule.fault?.kind ?? null;
      const held = kind === "hang" || kind === "reset";
      return {
        status: held ? null : (failStatus ?? rule.respond.status),
        ruleId: rule.id,
        ruleName: rule.name || null,
        // A fail_first or fail_rate rule that let this delivery through answered normally.
        fault: held || failStatus !== null ? kind : null,
        delayMs: held ? 0 : rule.respond.delayMs,
      };
    }
  }
}

/** Answers anything thrown on the capture path in the API's error shape (lib/http/errors.ts). */
export function sendError(res: ServerResponse, error: unknown) {
  const { status, body, headers } = toErrorResponse(error);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * CORS on an answer that is not composed (a refusal, a preflight, a pass-through): every capture
 * answer carries it. Composed answers have it among their headers.
 */
export function allowCors(req: IncomingMessage, res: ServerResponse) {
  for (const [name, value] of corsHeaders(req.headers.origin ?? null)) res.setHeader(name, value);
}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : undefined);

/**
 * Writes a composed answer as it is. Nothing was set on the response before, so Node writes the
 * list straight out (validating each header) instead of keeping each in its header map: that
 * bookkeeping was a twentieth of a capture's cost.
 */
function sendComposed(res: ServerResponse, answer: ComposedAnswer) {
  res.writeHead(answer.status, answer.headers.flat());
  res.end(answer.body);
}

/** Sends the decided answer for a stored capture. */
export async function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: Answer, capture: { id: string; receivedAt: Date } & IncomingRequest) {
  const origin = req.headers.origin ?? null;
  switch (answer.kind) {
    case "preflight":
      allowCors(req, res);
      res.writeHead(204, {
        "access-control-allow-methods": answer.method,
        "access-control-allow-headers": answer.headers,
        "access-control-max-age": "86400",
      });
      return void res.end();
    case "default":
      return sendComposed(res, defaultAnswer(capture.id, origin));
    case "custom":
      await sleep(answer.custom.delayMs);
      return sendComposed(res, customAnswer(answer.custom, origin));
    case "rule": {
      const { rule, failStatus } = answer;
      if (rule.fault?.kind === "hang") return hang(res);
      if (rule.fault?.kind === "reset") return void res.socket?.resetAndDestroy();
      await sleep(rule.respond.delayMs);
      return sendComposed(res, ruleAnswer(rule, failStatus, templateView(capture, capture.id, capture.receivedAt.toISOString()), origin));
    }
  }
}
