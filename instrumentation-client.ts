// Runs in the browser before any of the app's own modules (Next's client instrumentation hook).
// Modules are evaluated in import order: zod's configuration comes first.
import "@/lib/zod-jitless";
import { measureEarly } from "@/lib/latency/store";

// The region picker's measurement starts now, not after hydration (lib/latency/store.ts).
measureEarly();
