/** The colour scheme setting, shared by the toggle and the script that applies it before first paint. */

export type Theme = "system" | "light" | "dark";
export const THEME_KEY = "hookjar-theme";

// Inlined in the layout's <head> so a dark page never flashes white before hydration.
export const THEME_BOOT = `(function(){try{var t=localStorage.getItem("${THEME_KEY}");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
