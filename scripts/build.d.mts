// Types for scripts/build.mjs, which scripts/screenshots.ts imports (tsconfig has no allowJs).
export const SERVER: string;
export function sourcesHash(): string;
export function buildIsCurrent(): boolean;
export function build(): Promise<void>;
