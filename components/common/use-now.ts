"use client";

import { useEffect, useState } from "react";

/** The current time in epoch ms, re-rendering every `intervalMs` (live durations). */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
