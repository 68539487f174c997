import type { Metadata } from "next";
import { Suspense } from "react";
import { ReportsDashboard } from "@/components/reports/reports-dashboard";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requireUser("manager");
  const options = await (await getServerApi()).desk.options();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Reports</h1>
        <p className="text-sm text-muted">How support is doing: volume, backlog, speed, SLA, satisfaction and reopens, then the help center (reads, searches, deflection), with a table and CSV for each.</p>
      </div>
      <Suspense>
        <ReportsDashboard
          teams={options.teams}
          categories={options.categories.filter((c) => !c.archived)}
          // Retired drop-downs too: their values stay on tickets and still break down.
          breakdownFields={options.ticketFields.filter((f) => f.type === "dropdown").map((f) => ({ key: f.key, label: f.active ? f.label : `${f.label} (no longer in use)` }))}
        />
      </Suspense>
    </div>
  );
}
