import type { CSSProperties } from "react";

/**
 * The app's light palette (app/globals.css), as literal colours: email clients
 * understand neither CSS variables nor light-dark(), and most ignore <style>,
 * so every template styles inline from these tokens.
 */
export const palette = {
  page: "#f6f7f9",
  surface: "#ffffff",
  surfaceMuted: "#f0f2f5",
  border: "#e1e4e9",
  borderStrong: "#c5cad3",
  text: "#15171c",
  muted: "#596070",
  accent: "#3451d1",
  accentText: "#ffffff",
  accentSoft: "#e8ecfd",
  danger: "#b4233a",
  dangerSoft: "#fdecee",
  warning: "#8a5100",
  warningSoft: "#fff1d6",
} as const;

/** System fonts only: no web font is ever fetched. */
export const fontFamily = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const monoFontFamily = 'SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/** Lets a long URL or unbroken word wrap instead of widening the 600px layout. */
export const wrapLongWords: CSSProperties = {
  overflowWrap: "anywhere",
  wordBreak: "break-word",
  wordWrap: "break-word",
};

export const paragraph: CSSProperties = {
  margin: "0 0 16px",
  fontSize: "15px",
  lineHeight: "24px",
  color: palette.text,
};
