"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
// The component does not import its own styles.
import "@scalar/api-reference-react/style.css";

// The light theme's grey text and method colours are too faint for small type (under 4.5:1 on
// white): darker shades of the same hues. The doubled class outranks the theme's own `.light-mode`.
const READABLE = `.light-mode.light-mode {
  --scalar-color-3: #6b6b6b;
  --scalar-color-green: #047857;
  --scalar-color-red: #b91c1c;
  --scalar-color-yellow: #8a6100;
  --scalar-color-orange: #b45309;
  --scalar-color-blue: #005a9c;
}`;

/**
 * The interactive reference of this server's API, rendered in the browser from /api/openapi.json by
 * Scalar's bundled component. Everything it needs ships with the app: no web fonts (the system's
 * are used), no proxy for "Test request" (it calls this origin directly), no telemetry, and no
 * agent or MCP features, which would call Scalar's services.
 */
export function ApiReference() {
  return (
    <ApiReferenceReact
      configuration={{
        url: "/api/openapi.json",
        withDefaultFonts: false,
        telemetry: false,
        showDeveloperTools: "never",
        mcp: { disabled: true },
        agent: { disabled: true },
        documentDownloadType: "json",
        // Every operation listed in the sidebar from the start, not behind its tag.
        defaultOpenAllTags: true,
        customCss: READABLE,
      }}
    />
  );
}
