// Entry of `npm run bench:scale`: the TypeScript bench, with the same loader hooks as the CLI.
import "../cli/hooks.mjs";

const { main } = await import("./scale.ts");
process.exitCode = await main(process.argv.slice(2));
