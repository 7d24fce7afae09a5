// `meridian users create --email … --name … --role admin|member|owner`: an account from the
// command line (the password from --password-stdin, or MERIDIAN_USER_PASSWORD). With role owner
// on a fresh deployment it does what the setup page does.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createUserRequestSchema, firstUserRequestSchema, roleSchema } from "@/lib/api/users";
import { openDatabase } from "./database";
import { readStdin } from "./stdin";

const USAGE = "usage: meridian users create --email EMAIL --name NAME [--role member|admin|owner] [--password-stdin]";

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
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

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = String(issue.path[0] ?? "input");
  return field === "password" ? `password (from --password-stdin or MERIDIAN_USER_PASSWORD): ${issue.message}` : `--${field}: ${issue.message}`;
}
