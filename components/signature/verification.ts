"use client";

import { useEffect, useState } from "react";
import { api, ApiRequestError } from "@/components/api/client.ts";
import type { VerifyResult } from "@/lib/schemas/signature.ts";

export type Verification =
  | { status: "checked"; result: VerifyResult }
  /** No scheme could be detected: nothing to say about this capture. */
  | { status: "unsigned" }
  | { status: "error"; message: string };

// A capture never changes, so one answer per capture and secret holds for the page's life; the
// list's badges and the detail pane share it instead of asking twice.
const answers = new Map<string, Promise<Verification>>();

async function ask(binId: string, captureId: string, secret: string): Promise<Verification> {
  try {
    return { status: "checked", result: await api("verifyCapture", { params: { id: binId, rid: captureId }, body: { secret } }) };
  } catch (error) {
    if (!(error instanceof ApiRequestError)) return { status: "error", message: "Hookjar's server could not be reached." };
    return error.code === "unknown_scheme" ? { status: "unsigned" } : { status: "error", message: error.message };
  }
}

export function verification(binId: string, captureId: string, secret: string): Promise<Verification> {
  const id = `${binId}/${captureId}\n${secret}`;
  let answer = answers.get(id);
  if (!answer) {
    answer = ask(binId, captureId, secret);
    // An error is not remembered: the next look asks again.
    answer.then((v) => v.status === "error" && answers.delete(id));
    answers.set(id, answer);
  }
  return answer;
}

/** The capture's signature checked with the bin's secret; null while unknown or without a secret. */
export function useVerification(binId: string, captureId: string, secret: string | null): Verification | null {
  const [state, setState] = useState<{ key: string; value: Verification } | null>(null);
  const current = secret ? `${captureId}\n${secret}` : null;
  useEffect(() => {
    if (!secret || !current) return;
    let live = true;
    void verification(binId, captureId, secret).then((value) => live && setState({ key: current, value }));
    return () => {
      live = false;
    };
  }, [binId, captureId, secret, current]);
  return state && state.key === current ? state.value : null;
}
