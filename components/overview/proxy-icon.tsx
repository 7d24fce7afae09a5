"use client";
import { useState } from "react";

/** Icons are either an emoji (shown as text) or an image URL or path; the name beside it says who it is. */
export function isImageIcon(icon: string): boolean {
  return /^(https?:\/\/|\/|data:image\/)/i.test(icon.trim());
}

export function ProxyIcon({ icon }: { icon: string }) {
  const [broken, setBroken] = useState(false);
  // The server-rendered <img> may fail before React attaches onError during hydration. A zero
  // width alone is not proof (an SVG with only a viewBox has none); decode() rejects only if broken.
  const noticeEarlyFailure = (img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth === 0) img.decode().catch(() => setBroken(true));
  };
  const box = "flex size-8 shrink-0 items-center justify-center rounded-lg bg-zinc-100 text-lg leading-none dark:bg-zinc-800";
  if (isImageIcon(icon) && !broken) {
    return (
      <span className={box}>
        {/* A plain img: icons come from anywhere an admin points, which next/image would need configured for. */}
        <img src={icon} alt="" width={20} height={20} className="size-5 object-contain" ref={noticeEarlyFailure} onError={() => setBroken(true)} />
      </span>
    );
  }
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
