/**
 * Alerts for captures that arrive while the tab is hidden: a desktop notification (when the user
 * allowed it) and a short beep. On or off is remembered per browser.
 */

const KEY = "hookjar:alerts";

export function alertsOn(): boolean {
  try {
    return localStorage.getItem(KEY) === "on";
  } catch {
    return false;
  }
}

// Browsers only let a page start audio after a user gesture: the context is made on the toggle's click.
let audio: AudioContext | null = null;

/** Called from the toggle's click: asks for notification permission then, never unprompted. */
export async function setAlerts(on: boolean): Promise<NotificationPermission | "unsupported"> {
  localStorage.setItem(KEY, on ? "on" : "off");
  if (!on) return "unsupported";
  audio ??= new AudioContext();
  void audio.resume();
  if (typeof Notification === "undefined") return "unsupported";
  return Notification.permission === "default" ? Notification.requestPermission() : Notification.permission;
}

function beep() {
  if (!audio) return;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.15);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.15);
}

/** Alerts of `count` new captures in `bin`, if alerts are on and nobody is looking at the tab. */
export function alertNewCaptures(bin: string, count: number) {
  if (count <= 0 || document.visibilityState !== "hidden" || !alertsOn()) return;
  beep();
  if (typeof Notification !== "undefined" && Notification.permission === "granted") {
    // One notification per bin: a burst of captures replaces it instead of stacking up.
    new Notification(`${count} new ${count === 1 ? "capture" : "captures"}`, { body: bin, tag: `hookjar:${bin}` });
  }
}
