#!/usr/bin/env node
// The CLI is TypeScript that shares lib/ with the server; tsx (a dependency) loads it as is.
import { tsImport } from "tsx/esm/api";

const { main } = await tsImport("../src/cli.ts", import.meta.url);
process.exitCode = await main(process.argv.slice(2));
