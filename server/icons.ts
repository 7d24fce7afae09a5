// The SVG flags of the flag-icons package (MIT), served at /icons/flags/<name>.svg. A name is
// answered only when it is one of the files the package ships, so no request ever chooses a path.
import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// 4x3, not 1x1: the square variants re-cut many flags (the US canton, the Union Jack) and read as
// tiles; in the 20px icon box a 20×15 flag looks like the flag people know.
const VARIANT = "4x3";

let files: Map<string, string> | undefined;
const svgs = new Map<string, string>();

/** The SVG text of a flag file such as "de.svg" or "gb-sct.svg" (lower case only), or null if there is none. */
export function flagSvg(file: string): string | null {
  const known = flagFiles();
  if (!known.has(file)) return null;
  let svg = svgs.get(file);
  if (svg === undefined) {
    svg = readFileSync(known.get(file)!, "utf8");
    svgs.set(file, svg);
  }
  return svg;
}

/** Every flag file name, mapped to its path; read once per process. */
function flagFiles(): Map<string, string> {
  if (!files) {
    const dir = path.join(packageDir(), "flags", VARIANT);
    files = new Map(
      readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && /^[a-z0-9-]+\.svg$/.test(entry.name))
        .map((entry) => [entry.name, path.join(dir, entry.name)]),
    );
  }
  return files;
}

function packageDir(): string {
  // Node resolves the package wherever npm put it. A bundler may answer require.resolve with a
  // module id instead of a file; then the package is where Next runs from, the project root.
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve("flag-icons/package.json"));
    if (path.isAbsolute(dir) && existsSync(path.join(dir, "flags"))) return dir;
  } catch {
    // not resolvable from here: fall through
  }
  return path.join(process.cwd(), "node_modules", "flag-icons");
}
