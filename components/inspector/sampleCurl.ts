/** The first request a new user can paste into a terminal to see the inspector react. */
export const sampleCurl = (captureUrl: string) =>
  `curl -X POST '${captureUrl}/hello?source=curl' -H 'Content-Type: application/json' -d '{"hello":"world"}'`;
