import type { IncomingMessage } from "node:http";
import { config } from "../runtime/config.ts";
import { clientAddress } from "../runtime/trust-proxy.ts";

/**
 * The client's address for the API, whose route handlers see a Request and not its socket:
 * server.ts stamps the TCP peer in a header of its own before handing the request on, replacing
 * any a client sent, and TRUST_PROXY decides from there as it does for captures.
 */

const PEER = "x-hookjar-peer";

export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER] = req.socket.remoteAddress ?? "";
}

export function requestClient(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  return clientAddress(request.headers.get(PEER) || undefined, forwarded ? [forwarded] : [], config.TRUST_PROXY);
}
