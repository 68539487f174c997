"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const INTERVAL_MS = 3_000;
const GIVE_UP_AFTER_MS = 120_000;

/**
 * Re-reads the page every few seconds while the log shows deliveries still
 * waiting or being sent, so a test event turns into its answer without a
 * reload; it stops after two minutes (retries later are minutes apart).
 */
export function RefreshWhilePending({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > GIVE_UP_AFTER_MS) window.clearInterval(timer);
      else router.refresh();
    }, INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [active, router]);
  return null;
}
