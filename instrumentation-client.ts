// Runs in the browser before any of the app's own modules (Next's client instrumentation hook).
import { z } from "zod";

// zod probes whether it may compile object parsers with `new Function` as soon as the first
// z.object() is built. The pages' CSP forbids eval: the probe fails quietly, but the browser
// reports a CSP violation on every page. Parse without compiling instead.
z.config({ jitless: true });
