// Every `meridian` command and subcommand answers --help (and -h) with its usage on stdout and
// exit code 0, however incomplete the rest of its line is: a person reaches for it first.
import { describe, expect, it } from "vitest";
import { meridian } from "./support/cli";

const LINES = [
  [],
  ["server"],
  ["cluster"],
  ["proxy"],
  ["users"],
  ["users", "create"],
  ["users", "create", "--email", "someone@example.com"],
  ["users", "unlock"],
  ["license"],
  ["license", "keygen"],
  ["license", "create"],
  ["regions"],
  ["embed"],
  ["embed", "token"],
  ["migration"],
  ["migration", "create"],
];

describe("meridian … --help", () => {
  it.each(LINES.map((line) => [line.join(" ") || "(no command)", line]))("%s --help: usage on stdout, exit 0", async (_, line) => {
    const run = await meridian([...line, "--help"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    // `server --help` prints its flags; its wording belongs to the server's own tests.
    if (line[0] !== "server") expect(run.stdout).toMatch(/usage:\s+meridian/);
  });

  it("covers every command `meridian --help` lists", async () => {
    const run = await meridian(["--help"]);
    const listed = run.stdout
      .split("commands:\n")[1]
      .split("\n")
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/, 1)[0]);
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.filter((name) => !LINES.some((line) => line[0] === name))).toEqual([]);
  });

  it("-h means the same as --help", async () => {
    for (const line of [["users", "create"], ["license"], ["migration", "create"]]) {
      const run = await meridian([...line, "-h"]);
      expect(run.code, line.join(" ")).toBe(0);
      expect(run.stdout).toMatch(/usage:\s+meridian/);
    }
  });

  it("`meridian help COMMAND` is that command's --help", async () => {
    const run = await meridian(["help", "license"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("meridian license keygen");
  });

  it("a mistake still exits 2 with the usage on stderr", async () => {
    const run = await meridian(["license", "frobnicate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("usage:");
    expect(run.stdout).toBe("");
  });
});
