"use client";

import { useEffect, useState } from "react";
import type { HeaderPairs } from "@/lib/schemas/common.ts";
import { SCHEMES, SCHEME_LABELS, detectScheme, type HmacOptions, type Scheme, type Sign } from "@/lib/schemas/signature.ts";
import { readSecret } from "@/components/signature/secrets.ts";

const FIELD = "rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-900";

type Props = {
  binId: string;
  headers: HeaderPairs;
  onChange: (sign: Sign | null) => void;
  signed: HeaderPairs | null;
  /** A sample's scheme: offered switched on, since a sample carries no signature of its own. */
  suggested?: Scheme | null;
};

/**
 * "Re-sign with secret": the server replaces the signature (and timestamp) headers with fresh ones
 * over the body actually sent, so an edited payload still passes the receiver's check.
 */
export function ResignOption({ binId, headers, onChange, signed, suggested }: Props) {
  const [on, setOn] = useState(Boolean(suggested));
  const [scheme, setScheme] = useState<Scheme>(() => suggested ?? detectScheme(headers) ?? "hmac");
  // The secret the bin keeps for the scheme chosen: a GitHub capture is never offered Stripe's.
  const [secret, setSecret] = useState(() => readSecret(binId, scheme) ?? "");
  const [hmac, setHmac] = useState<HmacOptions>({ algorithm: "sha256", header: "X-Signature", encoding: "hex", prefix: "" });

  const publish = (next: { on?: boolean; scheme?: Scheme; secret?: string; hmac?: HmacOptions }) => {
    const s = { on, scheme, secret, hmac, ...next };
    onChange(s.on ? { scheme: s.scheme, secret: s.secret, ...(s.scheme === "hmac" && { hmac: s.hmac }) } : null);
  };
  // Switched on from the start: the editor must know what to sign with before anything is touched.
  useEffect(() => {
    if (suggested) onChange({ scheme: suggested, secret });
    // Once, as mounted: a new sample mounts a new option.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const setHmacField = (patch: Partial<HmacOptions>) => {
    const next = { ...hmac, ...patch };
    setHmac(next);
    publish({ hmac: next });
  };

  return (
    <fieldset className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid="resign">
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setOn(e.target.checked);
            publish({ on: e.target.checked });
          }}
          data-testid="resign-toggle"
        />
        Re-sign with secret
      </label>
      {on && (
        <div className="flex flex-wrap items-center gap-2">
          <select
            aria-label="Signature scheme"
            value={scheme}
            onChange={(e) => {
              const next = e.target.value as Scheme;
              const kept = readSecret(binId, next) ?? "";
              setScheme(next);
              setSecret(kept);
              publish({ scheme: next, secret: kept });
            }}
            className={FIELD}
          >
            {SCHEMES.map((s) => <option key={s} value={s}>{SCHEME_LABELS[s]}</option>)}
          </select>
          <input
            aria-label="Signing secret"
            type="password"
            autoComplete="off"
            required
            placeholder="signing secret"
            value={secret}
            onChange={(e) => {
              setSecret(e.target.value);
              publish({ secret: e.target.value });
            }}
            className={`${FIELD} min-w-0 flex-1`}
            data-testid="resign-secret"
          />
          {scheme === "hmac" && (
            <>
              <select aria-label="HMAC algorithm" value={hmac.algorithm} onChange={(e) => setHmacField({ algorithm: e.target.value as HmacOptions["algorithm"] })} className={FIELD}>
                {["sha1", "sha256", "sha512"].map((a) => <option key={a}>{a}</option>)}
              </select>
              <input aria-label="Signature header" value={hmac.header} onChange={(e) => setHmacField({ header: e.target.value })} className={`${FIELD} w-36`} />
              <select aria-label="Signature encoding" value={hmac.encoding} onChange={(e) => setHmacField({ encoding: e.target.value as HmacOptions["encoding"] })} className={FIELD}>
                <option>hex</option>
                <option>base64</option>
              </select>
              <input aria-label="Signature prefix" placeholder="prefix, e.g. sha256=" value={hmac.prefix ?? ""} onChange={(e) => setHmacField({ prefix: e.target.value })} className={`${FIELD} w-32`} />
            </>
          )}
        </div>
      )}
      {signed && (
        <ul className="font-mono text-xs text-emerald-800 dark:text-emerald-300" data-testid="resign-signed">
          {signed.map(([name, value]) => <li key={name} className="break-all">Signed {name}: {value}</li>)}
        </ul>
      )}
    </fieldset>
  );
}
