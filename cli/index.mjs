#!/usr/bin/env node
// Entry of the `meridian` command.
import "./hooks.mjs";

// A reader that goes away early (`meridian … | head`) must not kill a command before it has cleaned
// up (closed the database, stopped a temporary embedded Postgres): EPIPE on output is ignored.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code !== "EPIPE") throw err;
  });
}

const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
