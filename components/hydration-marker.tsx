"use client";

import { useEffect } from "react";

/**
 * Marks <html data-hydrated> once React has hydrated, so browser tests can
 * wait for interactive pages instead of racing them on slow machines.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
