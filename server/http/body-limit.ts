// The largest request body any API route reads: every request Meridian takes is a small JSON
// document (a license, the largest, is a few KB).
export const MAX_BODY_BYTES = 64 * 1024;
