// `meridian users create --email … --name … --role admin|member|owner`: an account from the
// command line (the password from --password-stdin, or MERIDIAN_USER_PASSWORD). With role owner
// on a fresh deployment it does what the setup page does.
// `meridian users unlock --email …|--address …`: lifts a sign-in lockout (the owner's way back
// after five wrong guesses), with the database's access as the proof of authority. Audited.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createUserRequestSchema, firstUserRequestSchema, loginRequestSchema, roleSchema } from "@/lib/api/users";
import { openDatabase } from "./database";
import { printHelp, wantsHelp } from "./help";
import { readStdin } from "./stdin";

const emailSchema = loginRequestSchema.shape.email;

const USAGE = `usage: meridian users create --email EMAIL --name NAME [--role member|admin|owner] [--password-stdin]
       meridian users unlock (--email EMAIL | --address IP)

create: an account; the password comes from stdin with --password-stdin, otherwise from
        MERIDIAN_USER_PASSWORD. Role owner on a fresh deployment does what the setup page does.
unlock: lifts a sign-in lockout on an account or an address (audited).`;

export async function run(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) return printHelp(USAGE);
  const [sub, ...rest] = argv;
  if (sub === "unlock") return unlock(rest);
  if (sub !== "create") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "member" }, "password-stdin": { type: "boolean" } } }));
  } catch (err) {
    process.stderr.write(`meridian users: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const password = values["password-stdin"] ? await readStdin() : process.env.MERIDIAN_USER_PASSWORD;
  const role = roleSchema.safeParse(values.role);
  const input = (role.success && role.data === "owner" ? firstUserRequestSchema : createUserRequestSchema).safeParse({
    email: values.email,
    name: values.name,
    password,
    ...(role.success && role.data !== "owner" ? { role: role.data } : {}),
  });
  if (!role.success || !input.success) {
    const problem = !role.success ? "--role: must be member, admin or owner" : describe(input.error!);
    process.stderr.write(`meridian users: ${problem}\n${USAGE}\n`);
    return 2;
  }

  const db = await openDatabase();
  try {
    const users = await import("../server/auth/users");
    const meta = { ip: null, userAgent: "meridian-cli" };
    const user = role.data === "owner" ? await users.createFirstOwner(input.data as z.infer<typeof firstUserRequestSchema>, meta) : await users.createUser(null, input.data, meta);
    process.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`meridian users: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

async function unlock(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { email: { type: "string" }, address: { type: "string" } } }));
  } catch (err) {
    process.stderr.write(`meridian users: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const email = values.email === undefined ? undefined : emailSchema.safeParse(values.email);
  if ((!email && !values.address) || (email && !email.success)) {
    process.stderr.write(`meridian users: ${email ? `--email: ${email.error!.issues[0].message}` : "give --email or --address"}\n${USAGE}\n`);
    return 2;
  }
  const db = await openDatabase();
  try {
    const { clearAccount, clearAddress } = await import("../server/auth/rate-limit");
    const { audit } = await import("../server/audit");
    const meta = { ip: null, userAgent: "meridian-cli" };
    for (const [kind, value, clear] of [
      ["account", email?.data, clearAccount],
      ["address", values.address, clearAddress],
    ] as const) {
      if (!value) continue;
      const cleared = await clear(value);
      await audit({ actorId: null, action: "login_unlocked", resourceType: kind === "account" ? "user" : "address", resourceName: value }, meta);
      process.stdout.write(cleared ? `unlocked sign-in for ${kind} ${value}\n` : `${kind} ${value} was not locked out\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`meridian users: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = String(issue.path[0] ?? "input");
  return field === "password" ? `password (from --password-stdin or MERIDIAN_USER_PASSWORD): ${issue.message}` : `--${field}: ${issue.message}`;
}
