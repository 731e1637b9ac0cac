/**
 * The shells a copied command must work in. zsh is listed unconditionally: a machine without it
 * must fail the test that runs it (`npm test` checks for it first and names the package), not pass
 * having tried one shell fewer.
 */
export const SHELLS = ["bash", "sh", "zsh"] as const;
