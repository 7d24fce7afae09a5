"use client";
import { useState } from "react";
import { flagIconUrl, isImageIcon } from "@/lib/icons";

export { isImageIcon };

const TILE = "flex size-8 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-lg leading-none dark:bg-zinc-800";
const BARE = "flex items-center justify-center text-lg leading-none";

/**
 * A region's icon, decorative (its name is always beside it): an image URL as an image, a flag emoji
 * as its SVG flag (emoji flags are empty boxes where no emoji font is installed), other emoji as
 * text. `bare` drops the tile, for places that draw their own frame.
 */
export function RegionIcon({ icon, bare = false }: { icon: string; bare?: boolean }) {
  // Which source failed to load, so an icon that changes gets its own chance.
  const [brokenSrc, setBrokenSrc] = useState<string | null>(null);
  const box = bare ? BARE : TILE;
  const flag = flagIconUrl(icon);
  const src = flag ?? (isImageIcon(icon) ? icon : null);
  // The server-rendered <img> may fail before React attaches onError during hydration. A zero
  // width alone is not proof (an SVG with only a viewBox has none); decode() rejects only if broken.
  const noticeEarlyFailure = (img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth === 0) img.decode().catch(() => setBrokenSrc(src));
  };
  if (src !== null && src !== brokenSrc) {
    // A flag is drawn 4:3 with a hairline edge, so white fields (Japan, Korea) keep their shape.
    const size = flag ? "h-[15px] w-5 rounded-[2px] ring-1 ring-zinc-900/10" : "size-5 object-contain";
    return (
      <span className={box}>
        {/* A plain img: icons come from anywhere an admin points, which next/image would need configured for. */}
        <img src={src} alt="" width={20} height={flag ? 15 : 20} className={size} ref={noticeEarlyFailure} onError={() => setBrokenSrc(src)} />
      </span>
    );
  }
  // A flag this server has no SVG for falls back to its emoji, which shows where a font has it.
  const emoji = icon.trim();
  return (
    <span aria-hidden="true" className={box}>
      {emoji && !isImageIcon(emoji) ? emoji : <GlobeGlyph />}
    </span>
  );
}

function GlobeGlyph() {
  return (
    <svg viewBox="0 0 20 20" className="size-4 text-zinc-500" fill="none" stroke="currentColor" strokeWidth="1.5">
      <circle cx="10" cy="10" r="7.5" />
      <path d="M2.5 10h15M10 2.5c2.2 2.2 2.2 12.8 0 15M10 2.5c-2.2 2.2-2.2 12.8 0 15" />
    </svg>
  );
}
