import type { Sample } from "../schemas/sample.ts";
import { githubSamples } from "./github.ts";
import { shopifySamples } from "./shopify.ts";
import { slackSamples } from "./slack.ts";
import { standardSamples } from "./standard.ts";
import { stripeSamples } from "./stripe.ts";
import { twilioSamples } from "./twilio.ts";

/**
 * Every sample, made afresh: new delivery ids and timestamps on each call. They carry no
 * signature: `POST /api/resend` with `sign` and the receiver's secret adds one over the bytes sent.
 */
export function samples(now = new Date()): Sample[] {
  return [
    ...githubSamples(now),
    ...stripeSamples(now),
    ...shopifySamples(now),
    ...slackSamples(now),
    ...standardSamples(now),
    ...twilioSamples(),
  ];
}
