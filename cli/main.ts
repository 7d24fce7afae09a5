// `meridian <command>`: one small module per command.
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  server: { summary: "run the console (Next.js + background loops), with embedded Postgres when DATABASE_URL is unset", load: () => import("./server") },
  cluster: { summary: "--replicas N: N replicas on one embedded PostgreSQL plus the demo's proxy agents, to watch high availability on one machine", load: () => import("./cluster") },
  proxy: { summary: "--primary-url URL (token in MERIDIAN_PROXY_TOKEN): run a workspace proxy agent that registers with the console", load: () => import("./proxy") },
  users: { summary: "create --email … --name … --role admin: create an account (password on stdin with --password-stdin)", load: () => import("./users") },
  license: { summary: "keygen | create --features … --expires …: mint license signing keys and licenses for development", load: () => import("./license") },
  regions: { summary: "--url URL (API token in MERIDIAN_SESSION_TOKEN): the regions, your choice, and the latency from here", load: () => import("./regions") },
  embed: { summary: "token --email EMAIL: mint a short-lived embed token (secret in MERIDIAN_EMBED_SECRET) to try a portal integration", load: () => import("./embed") },
  migration: { summary: "create <name>: write the migration that brings prisma/migrations up to schema.prisma", load: () => import("./migration") },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: meridian <command> [flags]\n\ncommands:\n${lines.join("\n")}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  // `meridian help proxy` is `meridian proxy --help`.
  if (name === "help") return rest[0] && COMMANDS[rest[0]] ? (await COMMANDS[rest[0]].load()).run(["--help"]) : (process.stdout.write(usage()), 0);
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`meridian: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(rest);
}
