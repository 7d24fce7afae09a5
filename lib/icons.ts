// Region icons are emoji, image URLs or paths. Flag emoji are drawn from the SVG flags the server
// serves at /icons/flags/<code>.svg, because a machine without an emoji font shows them as boxes.

const REGIONAL_INDICATOR_A = 0x1f1e6;
const REGIONAL_INDICATOR_Z = 0x1f1ff;
const BLACK_FLAG = 0x1f3f4;
const TAG_DIGIT_0 = 0xe0030;
const TAG_DIGIT_9 = 0xe0039;
const TAG_LETTER_A = 0xe0061;
const TAG_LETTER_Z = 0xe007a;
const CANCEL_TAG = 0xe007f;

/** Unicode flags that flag-icons files under another name (Ascension, Tristan da Cunha, Ceuta & Melilla). */
const FILED_AS: Record<string, string> = { ac: "sh-ac", ta: "sh-ta", ea: "es" };

/** Icons are either an emoji (shown as text) or an image URL or path; the name beside it says who it is. */
export function isImageIcon(icon: string): boolean {
  return /^(https?:\/\/|\/|data:image\/)/i.test(icon.trim());
}

/**
 * The flag-icons name a flag emoji stands for, lower-case: a pair of regional indicators ("🇩🇪" →
 * "de") or a subdivision tag sequence ("🏴󠁧󠁢󠁳󠁣󠁴󠁿" → "gb-sct"). Anything else, a lone indicator
 * included, is null. Whether a flag for it exists is the server's to say (unknown ones are 404s).
 */
export function flagCode(icon: string): string | null {
  const points = Array.from(icon.trim(), (c) => c.codePointAt(0)!);
  const code = points[0] === BLACK_FLAG ? subdivision(points.slice(1)) : regionPair(points);
  return code === null ? null : (FILED_AS[code] ?? code);
}

/** Where a flag emoji's SVG is served, or null when the icon is not a flag emoji. */
export function flagIconUrl(icon: string): string | null {
  const code = flagCode(icon);
  return code === null ? null : `/icons/flags/${code}.svg`;
}

function regionPair(points: number[]): string | null {
  if (points.length !== 2 || !points.every((p) => p >= REGIONAL_INDICATOR_A && p <= REGIONAL_INDICATOR_Z)) return null;
  return points.map((p) => String.fromCharCode(0x61 + p - REGIONAL_INDICATOR_A)).join("");
}

/** Tag characters spelling a region and its subdivision ("gbsct"), then the cancel tag. */
function subdivision(tags: number[]): string | null {
  if (tags.at(-1) !== CANCEL_TAG) return null;
  const chars = tags.slice(0, -1).map((p) => (p >= TAG_LETTER_A && p <= TAG_LETTER_Z) || (p >= TAG_DIGIT_0 && p <= TAG_DIGIT_9) ? String.fromCharCode(p - 0xe0000) : null);
  const spelled = chars.join("");
  // Unicode subdivision ids: a two-letter region, then one to four letters or digits.
  if (chars.includes(null) || !/^[a-z]{2}[a-z0-9]{1,4}$/.test(spelled)) return null;
  return `${spelled.slice(0, 2)}-${spelled.slice(2)}`;
}
