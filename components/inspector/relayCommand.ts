/** The relay, installed from the very server that serves this bin (GET /cli/hookjar.tgz), for this bin. */
export function relayCommand(captureUrl: string, to = "http://localhost:3000/webhooks"): string {
  return `npx ${new URL(captureUrl).origin}/cli/hookjar.tgz relay ${captureUrl} --to ${to}`;
}
