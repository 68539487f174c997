"use client";

import type { ReactElement } from "react";
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ReportTable } from "@/server/reports/report-table";
import { bucketLabel, formatValue } from "./report-format";

/** Recharts views of report tables; colours come from the theme's CSS variables, so dark mode follows. */
type Size = "day" | "week" | "month";
type Rows = ReportTable["rows"];

const axis = { stroke: "var(--fg-muted)", fontSize: 12 };
const tooltip = { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--fg)" };
const colors = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--danger)"];

function Frame({ label, children }: { label: string; children: ReactElement }) {
  return (
    <div className="h-64 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

function timeAxis(size: Size) {
  return <XAxis dataKey="bucket" tick={axis} tickLine={false} axisLine={{ stroke: "var(--border)" }} tickFormatter={(b: string) => bucketLabel(b, size)} minTickGap={16} />;
}

const grid = <CartesianGrid stroke="var(--border)" vertical={false} />;
const legend = <Legend wrapperStyle={{ fontSize: 12 }} />;

export function CountBars({ rows, size, series, label }: { rows: Rows; size: Size; series: { key: string; name: string }[]; label: string }) {
  return (
    <Frame label={label}>
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        {grid}
        {timeAxis(size)}
        <YAxis tick={axis} tickLine={false} axisLine={false} allowDecimals={false} />
        <Tooltip cursor={{ fill: "var(--surface-muted)" }} contentStyle={tooltip} labelFormatter={(b) => bucketLabel(String(b), size)} />
        {legend}
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={colors[i]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        ))}
      </BarChart>
    </Frame>
  );
}

/** Lines over time; `unit` formats the axis and tooltip ("percent", "minutes" shown as hours, or plain counts). */
export function TrendLines({ rows, size, series, unit, label }: { rows: Rows; size: Size; series: { key: string; name: string; color?: number; dashed?: boolean }[]; unit: "percent" | "minutes" | "count"; label: string }) {
  const scale = (value: unknown) => (value === null || value === undefined ? null : unit === "minutes" ? Number(value) / 60 : Number(value));
  const data = rows.map((row) => ({ ...row, ...Object.fromEntries(series.map((s) => [s.key, scale(row[s.key])])) }));
  const tick = (value: number) => (unit === "percent" ? `${value}%` : unit === "minutes" ? `${value} h` : String(value));
  return (
    <Frame label={label}>
      <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        {grid}
        {timeAxis(size)}
        <YAxis tick={axis} tickLine={false} axisLine={false} tickFormatter={tick} domain={unit === "percent" ? [0, 100] : [0, "auto"]} />
        <Tooltip
          contentStyle={tooltip}
          labelFormatter={(b) => bucketLabel(String(b), size)}
          formatter={(value) => (unit === "minutes" ? formatValue("minutes", Number(value) * 60) : unit === "percent" ? `${String(value)}%` : String(value))}
        />
        {legend}
        {series.map((s, i) => (
          <Line key={s.key} dataKey={s.key} name={s.name} stroke={colors[s.color ?? i]} strokeDasharray={s.dashed ? "4 3" : undefined} dot={false} strokeWidth={2} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </Frame>
  );
}

/** Good and bad ratings as stacked bars, with the share of good ones as a line. */
export function SatisfactionChart({ rows, size }: { rows: Rows; size: Size }) {
  return (
    <Frame label="Satisfaction ratings per period: good and bad counts, and the percentage good">
      <ComposedChart data={rows} margin={{ top: 8, right: 0, bottom: 0, left: -8 }}>
        {grid}
        {timeAxis(size)}
        <YAxis yAxisId="count" tick={axis} tickLine={false} axisLine={false} allowDecimals={false} />
        <YAxis yAxisId="percent" orientation="right" tick={axis} tickLine={false} axisLine={false} domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
        <Tooltip contentStyle={tooltip} labelFormatter={(b) => bucketLabel(String(b), size)} />
        {legend}
        <Bar yAxisId="count" dataKey="good" name="Good" stackId="ratings" fill="var(--chart-2)" isAnimationActive={false} />
        <Bar yAxisId="count" dataKey="bad" name="Bad" stackId="ratings" fill="var(--danger)" isAnimationActive={false} />
        <Line yAxisId="percent" dataKey="percentGood" name="% good" stroke="var(--chart-1)" dot={false} strokeWidth={2} connectNulls isAnimationActive={false} />
      </ComposedChart>
    </Frame>
  );
}

/** The busiest rows of a breakdown as horizontal bars (the table and CSV have them all). */
export function BreakdownBars({ rows, label }: { rows: Rows; label: string }) {
  const top = rows.slice(0, 10);
  return (
    <Frame label={label}>
      <BarChart data={top} layout="vertical" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--border)" horizontal={false} />
        <XAxis type="number" tick={axis} tickLine={false} axisLine={false} allowDecimals={false} />
        <YAxis type="category" dataKey="name" tick={axis} tickLine={false} axisLine={false} width={140} tickFormatter={(name: string) => (name.length > 20 ? `${name.slice(0, 19)}…` : name)} />
        <Tooltip cursor={{ fill: "var(--surface-muted)" }} contentStyle={tooltip} />
        {legend}
        <Bar dataKey="created" name="Created" fill="var(--chart-1)" isAnimationActive={false} />
        {/* A breakdown by a ticket field counts created tickets only: no empty "Solved" in the legend. */}
        {top.some((row) => "solved" in row) ? <Bar dataKey="solved" name="Solved" fill="var(--chart-2)" isAnimationActive={false} /> : null}
      </BarChart>
    </Frame>
  );
}
