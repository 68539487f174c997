import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireUser } from "@/server/auth/session";

/** The admin area: admins only, one tab per section. Each page checks the role too (layouts do not re-run on navigation). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireUser("admin");
  return (
    <div className="space-y-6">
      <div className="space-y-4">
        <div>
          <h1 className="text-xl font-semibold">Admin</h1>
          <p className="text-sm text-muted">People, teams, categories, saved replies, SLA, automations, mailboxes, webhooks and workspace settings.</p>
        </div>
        <AdminNav />
      </div>
      {children}
    </div>
  );
}
