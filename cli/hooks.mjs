// Lets Node run the TypeScript sources directly (tsx) and lets server modules marked
// `server-only` load outside Next, where everything is server-side anyway. Imported first by
// every Node entry point (the `meridian` command, the benchmarks).
import { register } from "node:module";
import { fileURLToPath, URL } from "node:url";
import { register as registerTsx } from "tsx/esm/api";

// The checkout's tsconfig (its `@/` paths), wherever the command is run from.
registerTsx({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const serverOnlyHook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);
