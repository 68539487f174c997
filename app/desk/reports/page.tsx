import type { Metadata } from "next";
import { WeeklyVolumeChart } from "@/components/charts/weekly-volume-chart";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requireUser("manager");
  const volume = await (await getServerApi()).reports.weeklyVolume({ weeks: 12 });
  const totals = volume.reduce((sum, p) => ({ created: sum.created + p.created, solved: sum.solved + p.solved }), { created: 0, solved: 0 });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Reports</h1>
        <p className="text-sm text-muted">Ticket volume over the last 12 weeks (UTC weeks, starting Monday).</p>
      </div>
      <section className="rounded-lg border border-border bg-surface p-4">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">Created vs solved</h2>
          <p className="text-sm text-muted">
            {totals.created} created · {totals.solved} solved
          </p>
        </div>
        <WeeklyVolumeChart data={volume} />
        <details className="mt-4">
          <summary className="cursor-pointer text-sm text-accent">Show as table</summary>
          <table className="mt-2 w-full text-sm">
            <thead className="text-left text-xs text-muted uppercase">
              <tr>
                <th scope="col" className="py-1">Week of</th>
                <th scope="col" className="py-1 text-right">Created</th>
                <th scope="col" className="py-1 text-right">Solved</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {volume.map((p) => (
                <tr key={p.week}>
                  <td className="py-1">{p.week}</td>
                  <td className="py-1 text-right tabular-nums">{p.created}</td>
                  <td className="py-1 text-right tabular-nums">{p.solved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </div>
  );
}
