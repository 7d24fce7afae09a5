#!/usr/bin/env node
// Entry of the `meridian` command.
import "./hooks.mjs";

const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
