// Standard input for `--…-stdin` flags (tokens, passwords, secrets kept out of shell history and
// `ps`): all of it, less the one line ending a shell or `echo` adds. Callers that want a token
// trim it; a password keeps its spaces.
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
