import type { Sample } from "../schemas/sample.ts";
import { randomHex, uuid } from "./fresh.ts";

/**
 * An incoming SMS as Twilio posts it to a Messaging webhook: form fields (Twilio's "TwiML for
 * Programmable Messaging" request parameters). Its signature covers the URL it is sent to.
 */

export function twilioSamples(): Sample[] {
  const messageSid = `SM${randomHex(32)}`;
  const fields: [string, string][] = [
    ["ToCountry", "US"],
    ["ToState", "CA"],
    ["SmsMessageSid", messageSid],
    ["NumMedia", "0"],
    ["ToCity", "SAN FRANCISCO"],
    ["FromZip", "10001"],
    ["SmsSid", messageSid],
    ["FromState", "NY"],
    ["SmsStatus", "received"],
    ["FromCity", "NEW YORK"],
    ["Body", "Is my order on its way?"],
    ["FromCountry", "US"],
    ["To", "+14155550100"],
    ["MessagingServiceSid", `MG${randomHex(32)}`],
    ["ToZip", "94103"],
    ["NumSegments", "1"],
    ["MessageSid", messageSid],
    ["AccountSid", `AC${randomHex(32)}`],
    ["From", "+12125550123"],
    ["ApiVersion", "2010-04-01"],
  ];
  return [
    {
      id: "twilio.sms.incoming",
      provider: "Twilio",
      event: "incoming SMS",
      description: "A text message to one of your numbers (form fields)",
      method: "POST",
      path: "/twilio/sms",
      headers: [
        ["Content-Type", "application/x-www-form-urlencoded"],
        ["User-Agent", "TwilioProxy/1.1"],
        ["Accept", "*/*"],
        ["X-Home-Region", "us1"],
        ["I-Twilio-Idempotency-Token", uuid()],
      ],
      body: { encoding: "utf8", data: new URLSearchParams(fields).toString() },
      scheme: "twilio",
    },
  ];
}
