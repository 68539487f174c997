"use client";

import { useState } from "react";
import { themes, type Theme } from "./theme";
const labels: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };
const icons: Record<Theme, string> = { system: "◐", light: "☀", dark: "☾" };

/** Cycles system → light → dark; the choice is kept in a cookie so the server renders it. */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const next = themes[(themes.indexOf(theme) + 1) % themes.length] ?? "system";
  return (
    <button
      type="button"
      onClick={() => {
        document.documentElement.dataset.theme = next;
        document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
        setTheme(next);
      }}
      className="inline-flex h-8 w-8 items-center justify-center rounded-md text-muted hover:bg-surface-muted hover:text-fg"
      aria-label={`${labels[theme]} (switch to ${labels[next].toLowerCase()})`}
      title={labels[theme]}
    >
      <span aria-hidden="true">{icons[theme]}</span>
    </button>
  );
}
