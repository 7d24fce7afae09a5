// At most a few regions are measured at once (lib/latency/store.ts). With a handful of regions this
// changes nothing (all run in parallel, as accuracy wants: none waits behind another); with
// hundreds it keeps a browser from opening hundreds of connections at the same moment and its page
// responsive meanwhile.
export const MAX_CONCURRENT_MEASUREMENTS = 16;
