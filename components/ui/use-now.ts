"use client";
import { useEffect, useState } from "react";

/**
 * The current time, ticking. It starts at `initial` (the server's render time) so the first
 * browser render prints exactly what the server did and hydration does not mismatch.
 */
export function useNow(initial: number, intervalMs = 1_000): number {
  const [now, setNow] = useState(initial);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
