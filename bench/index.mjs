// Entry of `npm run bench:api`: runs the TypeScript bench (tsx) and lets it import
// server/migrate.ts, which is marked `server-only` — the same hooks as cli/index.mjs.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
const serverOnlyHook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);

const { main } = await import("./api.ts");
process.exitCode = await main(process.argv.slice(2));
