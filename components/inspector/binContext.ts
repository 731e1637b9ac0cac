"use client";

import { createContext, useContext } from "react";
import type { BinControl } from "@/components/bins/useBinControl.ts";

/** What every part of the inspector may need to know about its bin, without threading props. */
export type BinContext = {
  /** The bin was deleted (live, from any tab): nothing can be done with it any more. */
  gone: boolean;
  /** A private bin's view token, for snippets that fetch from the API outside the browser. */
  viewToken: string | null;
  /** How many captures the bin holds now, kept live by the inspector's subscription. */
  captureCount: number | null;
  /** Whether this browser may change the bin, and how it gets or renews that right. */
  control: BinControl;
};

const noControl: BinControl = { managed: true, canManage: false, holdsKey: false, keep: () => {}, renew: () => Promise.reject(new Error("no bin")) };

export const InspectorBinContext = createContext<BinContext>({ gone: false, viewToken: null, captureCount: null, control: noControl });

export const useBinContext = () => useContext(InspectorBinContext);
