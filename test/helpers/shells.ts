import { execFileSync } from "node:child_process";

function hasShell(name: string): boolean {
  try {
    execFileSync(name, ["-c", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The shells a copied command must work in: bash and sh, and zsh where installed (CI installs it). */
export const SHELLS = ["bash", "sh", ...(hasShell("zsh") ? ["zsh"] : [])];
