// `meridian embed token`: mints an embed token as a portal's backend would, for trying a portal
// integration by hand or in a test. The secret comes from the environment or stdin, never a flag,
// so it stays out of shell history and `ps`; only the token goes to stdout.
import { parseArgs } from "node:util";
import { z } from "zod";
import { EMBED_TOKEN_MAX_LIFETIME_S, signEmbedToken } from "../server/auth/embed-token";
import { printHelp, wantsHelp } from "./help";
import { readStdin } from "./stdin";

const MAX_LIFETIME_MIN = EMBED_TOKEN_MAX_LIFETIME_S / 60;

const HELP = `usage: meridian embed token --email EMAIL [--lifetime 5m] [--secret-stdin]

Prints an embed token for the Meridian user with that email, so you can try a portal integration
(the region picker at /embed/region-picker in a portal's iframe) before the portal's backend mints
its own. A portal's backend does the same thing for every page view: an HS256 JWT signed with the
console's MERIDIAN_EMBED_SECRET, with aud "meridian-embed", sub = the user's email, and at most
${MAX_LIFETIME_MIN} minutes between iat and exp; the portal hands it to the iframe in a
"meridian:set-token" message (see README, "Embedding"). The token only reads the regions and reads
or sets its user's region.

Only the token is printed, so  TOKEN=$(meridian embed token --email you@example.com)  works.

flags:
  --email EMAIL     the user the token speaks for (required)
  --lifetime TIME   how long it is valid: 90s, 5m, 15m, or seconds (default 5m, at most ${MAX_LIFETIME_MIN}m)
  --secret-stdin    read the secret from standard input instead of MERIDIAN_EMBED_SECRET
  --help            this text

environment:
  MERIDIAN_EMBED_SECRET   the console's embed secret (at least 32 characters)
`;

const DURATION = /^(\d+)(s|m|min|h)?$/;
const lifetime = z
  .string()
  .regex(DURATION, "must be a duration like 90s, 5m or 15m (a bare number is seconds)")
  .transform((v) => {
    const [, n, unit = "s"] = DURATION.exec(v)!;
    return Number(n) * (unit === "h" ? 3600 : unit === "s" ? 1 : 60);
  })
  .refine((s) => s >= 1, "must be at least 1s")
  .refine((s) => s <= EMBED_TOKEN_MAX_LIFETIME_S, `must be at most ${MAX_LIFETIME_MIN}m: embed tokens are short-lived (the portal mints one per page view) and the console refuses longer ones`);

const schema = z.object({
  email: z.email({ error: (issue) => (issue.input === undefined ? "is required: the email of the Meridian user the token speaks for" : "must be an email address") }),
  lifetime: lifetime.default(5 * 60),
});

class UsageError extends Error {}

function parse(argv: string[], secret: string | undefined, secretFrom: string) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { email: { type: "string" }, lifetime: { type: "string" }, "secret-stdin": { type: "boolean" } } }));
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify.*$/s, ""));
  }
  const result = schema.safeParse({ email: values.email?.trim(), lifetime: values.lifetime });
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue.path[0]);
    const got = values[key as "email"] === undefined ? "" : ` (got "${values[key as "email"]}")`;
    throw new UsageError(`--${key}${got}: ${issue.message}`);
  }
  if (!secret) throw new UsageError("the embed secret is required: set MERIDIAN_EMBED_SECRET to the console's value, or pipe it in with --secret-stdin");
  // The console refuses shorter secrets at start-up, so a token signed with one could never verify.
  if (secret.length < 32) throw new UsageError(`${secretFrom}: must be at least 32 characters, as the console requires`);
  return { ...result.data, secret };
}

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(HELP);
  const [sub, ...rest] = argv;
  try {
    if (sub !== "token") throw new UsageError(sub ? `unknown subcommand "${sub}" (known: token)` : "a subcommand is required: token");
    const fromStdin = rest.includes("--secret-stdin");
    const flags = parse(rest, fromStdin ? await readStdin() : process.env.MERIDIAN_EMBED_SECRET, fromStdin ? "the secret on stdin" : "MERIDIAN_EMBED_SECRET");
    process.stdout.write(`${await signEmbedToken(flags.email, flags.secret, flags.lifetime)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`meridian embed: ${err.message}\n(see meridian embed --help)\n`);
    return 2;
  }
}

