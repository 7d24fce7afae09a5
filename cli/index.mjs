#!/usr/bin/env node
// Entry of the `meridian` command: lets Node run the TypeScript sources directly (tsx) and
// lets server modules marked `server-only` load here, where everything is server-side.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
const serverOnlyHook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);

const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
