// `--help` (or `-h`) anywhere on a command line asks for that command's usage: printed on stdout,
// exit 0, before any flag is checked, so it works however incomplete the rest of the line is.

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}

export function printHelp(text: string): number {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  return 0;
}
