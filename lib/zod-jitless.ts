// zod probes whether it may compile object parsers with `new Function` as soon as the first
// z.object() is built. The pages' CSP forbids eval: the probe fails quietly, but the browser
// reports a CSP violation on every page. Parse without compiling instead. Imported first by
// instrumentation-client.ts, so it runs before any module builds a schema.
import { z } from "zod";

z.config({ jitless: true });
