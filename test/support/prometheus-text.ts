// A strict parser of the Prometheus text exposition format (version 0.0.4), for tests that scrape
// /metrics. Written here because the one such parser on npm (parse-prometheus-text-format 1.1.1,
// unmaintained since 2019) drops the labels of every labelled histogram, which is exactly what a
// test of label cardinality must see. It scans characters, as the format's own parsers do, and
// throws on anything a Prometheus server would reject, plus a sample of a family without TYPE.

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  /** The sample's own name: a histogram's `x_bucket`, `x_sum`, `x_count`. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string | undefined;
  type: MetricType | undefined;
  samples: Sample[];
}

const TYPES = new Set<string>(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Record<MetricType, string[]> = { counter: [""], gauge: [""], untyped: [""], histogram: ["_bucket", "_sum", "_count"], summary: ["", "_sum", "_count"] };

const isNameStart = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c === ":";
const isNameChar = (c: string) => isNameStart(c) || (c >= "0" && c <= "9");

class Scanner {
  at = 0;
  constructor(
    readonly line: string,
    readonly lineNo: number,
  ) {}
  fail(what: string): never {
    throw new Error(`line ${this.lineNo}: ${what} at column ${this.at + 1}: ${this.line}`);
  }
  peek() {
    return this.line[this.at] ?? "";
  }
  done() {
    return this.at >= this.line.length;
  }
  spaces() {
    while (this.peek() === " " || this.peek() === "\t") this.at++;
  }
  expect(c: string) {
    if (this.peek() !== c) this.fail(`expected "${c}"`);
    this.at++;
  }
  name(labelName = false): string {
    const start = this.at;
    if (!isNameStart(this.peek()) || (labelName && this.peek() === ":")) this.fail("expected a name");
    while (isNameChar(this.peek()) && !(labelName && this.peek() === ":")) this.at++;
    return this.line.slice(start, this.at);
  }
  /** Up to the next blank. */
  word(): string {
    const start = this.at;
    while (!this.done() && this.peek() !== " " && this.peek() !== "\t") this.at++;
    if (start === this.at) this.fail("expected a value");
    return this.line.slice(start, this.at);
  }
  quoted(): string {
    this.expect('"');
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c === "") this.fail("unterminated label value");
      this.at++;
      if (c === '"') return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const escaped = this.peek();
      this.at++;
      if (escaped === "\\" || escaped === '"') out += escaped;
      else if (escaped === "n") out += "\n";
      else this.fail(`invalid escape \\${escaped}`);
    }
  }
}

function number(text: string, scanner: Scanner): number {
  if (text === "+Inf" || text === "Inf") return Infinity;
  if (text === "-Inf") return -Infinity;
  if (text === "NaN") return NaN;
  const n = Number(text);
  if (text.trim() === "" || Number.isNaN(n)) scanner.fail(`"${text}" is not a number`);
  return n;
}

function unescapeHelp(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const next = text[i + 1];
    if (text[i] !== "\\" || (next !== "n" && next !== "\\")) out += text[i];
    else {
      out += next === "n" ? "\n" : "\\";
      i++;
    }
  }
  return out;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { name, help: undefined, type: undefined, samples: [] }));
    return f;
  };
  /** Which family a sample name belongs to: itself, or a typed family it is a suffix of. */
  const owner = (sampleName: string): Family | undefined => {
    for (const f of families.values()) {
      if (f.type && SUFFIXES[f.type].some((s) => f.name + s === sampleName)) return f;
    }
    return undefined;
  };
  text.split("\n").forEach((line, index) => {
    const s = new Scanner(line, index + 1);
    s.spaces();
    if (s.done()) return;
    if (s.peek() === "#") {
      s.at++;
      s.spaces();
      const keyword = s.done() ? "" : s.word();
      if (keyword !== "HELP" && keyword !== "TYPE") return; // a comment
      s.spaces();
      const f = family(s.name());
      if (f.samples.length) s.fail(`${keyword} after ${f.name}'s samples`);
      if (keyword === "HELP") {
        if (f.help !== undefined) s.fail(`second HELP for ${f.name}`);
        if (s.peek() === " ") s.at++;
        f.help = unescapeHelp(line.slice(s.at));
        return;
      }
      if (f.type !== undefined) s.fail(`second TYPE for ${f.name}`);
      s.spaces();
      const type = s.word();
      if (!TYPES.has(type)) s.fail(`unknown type ${type}`);
      f.type = type as MetricType;
      return;
    }
    const name = s.name();
    const labels: Record<string, string> = {};
    s.spaces();
    if (s.peek() === "{") {
      s.at++;
      s.spaces();
      while (s.peek() !== "}") {
        const label = s.name(true);
        if (label in labels) s.fail(`label ${label} twice`);
        s.spaces();
        s.expect("=");
        s.spaces();
        labels[label] = s.quoted();
        s.spaces();
        if (s.peek() === ",") {
          s.at++;
          s.spaces();
        } else if (s.peek() !== "}") s.fail('expected "," or "}"');
      }
      s.at++;
    }
    s.spaces();
    const value = number(s.word(), s);
    s.spaces();
    if (!s.done()) number(s.word(), s); // a timestamp
    s.spaces();
    if (!s.done()) s.fail("unexpected text after the sample");
    const f = owner(name);
    if (!f) return s.fail(`sample ${name} belongs to no family declared with TYPE`);
    f.samples.push({ name, labels, value });
  });
  for (const f of families.values()) {
    if (f.type !== "histogram") continue;
    for (const b of f.samples.filter((x) => x.name.endsWith("_bucket"))) if (!("le" in b.labels)) throw new Error(`${f.name}: a bucket without le`);
  }
  return families;
}
