"use client";

import { useEffect, useRef } from "react";

export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  return element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName);
}

/**
 * Single-key shortcuts ("j", "?", "shift+a"…) for the page, ignored while the
 * person is typing in a field so they never steal keystrokes. "escape" and
 * "mod+enter" work inside fields too.
 */
export function useShortcuts(shortcuts: ShortcutMap, enabled = true): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const key = event.key.toLowerCase();
      const name =
        (event.metaKey || event.ctrlKey) && key === "enter"
          ? "mod+enter"
          : key === "escape"
            ? "escape"
            : event.metaKey || event.ctrlKey || event.altKey
              ? null
              : event.key === "?"
                ? "?"
                : `${event.shiftKey && key.length === 1 && key !== key.toUpperCase() ? "shift+" : ""}${key}`;
      if (!name) return;
      if (typingIn(event.target) && name !== "escape" && name !== "mod+enter") return;
      const handler = latest.current[name];
      if (!handler) return;
      event.preventDefault();
      handler(event);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}
