"use client";

import { useEffect, useState } from "react";
import { api, ApiRequestError } from "@/components/api/client.ts";
import type { Scheme, VerifyResult } from "@/lib/schemas/signature.ts";
import { claimUnsortedSecret, useSigningSecret, useUnsortedSecret } from "./secrets.ts";

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

/** The capture's signature checked with this secret; null while unknown or without a secret. */
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

export type SchemeVerification = {
  /** The secret the bin keeps for the capture's scheme (null when none: the capture is not judged). */
  secret: string | null;
  setSecret: (secret: string | null) => void;
  /** The verdict with that secret; null while unknown, without a secret, or while trying an unsorted one. */
  verification: Verification | null;
  /** An old single secret is being tried on this capture, or was found not to fit it. */
  unsorted: "trying" | "misfit" | null;
};

/**
 * A capture judged only by the secret of its own scheme. While the bin still has a secret from
 * before secrets were kept per scheme, a capture whose scheme has none tries it: if it fits, it
 * becomes that scheme's secret; if not, the capture shows no verdict rather than a false ✗.
 */
export function useSchemeVerification(binId: string, captureId: string, scheme: Scheme | null): SchemeVerification {
  const [own, setSecret] = useSigningSecret(binId, scheme);
  const unsorted = useUnsortedSecret(binId);
  const trial = scheme && !own ? unsorted : null;
  const verification = useVerification(binId, captureId, own ?? trial);
  const fits = verification?.status === "checked" && verification.result.valid;
  useEffect(() => {
    if (scheme && trial && fits) claimUnsortedSecret(binId, scheme, trial);
  }, [binId, scheme, trial, fits]);
  if (!trial) return { secret: own, setSecret, verification, unsorted: null };
  return { secret: null, setSecret, verification: null, unsorted: verification === null || fits ? "trying" : "misfit" };
}
