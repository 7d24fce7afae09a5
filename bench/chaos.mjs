// Entry of `npm run bench:chaos`: the TypeScript bench, with the same loader hooks as the CLI.
import "../cli/hooks.mjs";

const { main } = await import("./chaos.ts");
process.exitCode = await main(process.argv.slice(2));
