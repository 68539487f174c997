"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { VolumePoint } from "@/server/reports/ticket-volume";

const axis = { stroke: "var(--fg-muted)", fontSize: 12 };

/** Created vs solved per week; colours come from the theme's CSS variables. */
export function WeeklyVolumeChart({ data }: { data: VolumePoint[] }) {
  return (
    <div className="h-72 w-full" role="img" aria-label="Bar chart of tickets created and solved per week">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="week" tick={axis} tickLine={false} axisLine={{ stroke: "var(--border)" }} tickFormatter={(w: string) => w.slice(5)} />
          <YAxis tick={axis} tickLine={false} axisLine={false} allowDecimals={false} />
          <Tooltip
            cursor={{ fill: "var(--surface-muted)" }}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--fg)" }}
            labelFormatter={(w) => `Week of ${String(w)}`}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="created" name="Created" fill="var(--chart-1)" radius={[3, 3, 0, 0]} />
          <Bar dataKey="solved" name="Solved" fill="var(--chart-2)" radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
