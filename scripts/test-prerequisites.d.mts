// Types for scripts/test-prerequisites.mjs, which the test helpers import (tsconfig has no allowJs).
export function onPath(name: string): string | null;
export function chromiumPath(): string;
export function postgresBin(): string | null;
export const FAKETIME: string;
export function missing(): { package: string; problem: string | null; fixable: boolean }[];
export function main(): number;
