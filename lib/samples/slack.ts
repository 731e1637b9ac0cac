import type { Sample } from "../schemas/sample.ts";
import { json, randomChars, randomDigits, unixNow } from "./fresh.ts";

/** Slack's Events API: the URL verification handshake and an event callback (Slack's "Events API" docs). */

const upper = (n: number) => randomChars(n, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

function headers(now: Date): [string, string][] {
  return [
    ["Content-Type", "application/json"],
    ["User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)"],
    ["Accept", "*/*"],
    ["X-Slack-Request-Timestamp", String(unixNow(now))],
  ];
}

export function slackSamples(now: Date): Sample[] {
  const seconds = unixNow(now);
  const ts = `${seconds}.${randomDigits(6)}`;
  const team = `T${upper(10)}`;
  return [
    {
      id: "slack.url_verification",
      provider: "Slack",
      event: "url_verification",
      description: "The challenge Slack sends when an Events API URL is saved: answer it with the challenge",
      method: "POST",
      path: "/slack/events",
      headers: headers(now),
      body: json({ token: randomChars(24), challenge: randomChars(48), type: "url_verification" }),
      scheme: "slack",
    },
    {
      id: "slack.event_callback.app_mention",
      provider: "Slack",
      event: "event_callback (app_mention)",
      description: "Someone mentioned the app in a channel",
      method: "POST",
      path: "/slack/events",
      headers: headers(now),
      body: json({
        token: randomChars(24),
        team_id: team,
        api_app_id: `A${upper(10)}`,
        event: {
          type: "app_mention",
          user: `U${upper(10)}`,
          text: "<@U0LAN0Z89> is the deploy done?",
          ts,
          channel: `C${upper(10)}`,
          event_ts: ts,
        },
        type: "event_callback",
        event_id: `Ev${upper(10)}`,
        event_time: seconds,
        authorizations: [{ enterprise_id: null, team_id: team, user_id: `U${upper(10)}`, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
        event_context: `4-${randomChars(60)}`,
      }),
      scheme: "slack",
    },
  ];
}
