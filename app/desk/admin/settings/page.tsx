import type { Metadata } from "next";
import { AdminPanel } from "@/components/admin/admin-panel";
import { RelativeTime } from "@/components/relative-time";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings · Admin" };

export default async function AdminSettingsPage() {
  await requireUser("admin");
  const settings = await (await getServerApi()).admin.settings.get();
  return (
    <AdminPanel
      id="workspace-settings"
      title="Workspace settings"
      description={
        <>
          Attachments, when solved tickets close, satisfaction surveys, assignment and CCs. Last changed <RelativeTime date={settings.updatedAt} />.
        </>
      }
    >
      <SettingsForm
        settings={{
          attachmentMaxMb: settings.attachmentMaxMb,
          attachmentMaxCount: settings.attachmentMaxCount,
          autoCloseDays: settings.autoCloseDays,
          satisfactionSurveys: settings.satisfactionSurveys,
          satisfactionLinkDays: settings.satisfactionLinkDays,
          reopenOnBadRating: settings.reopenOnBadRating,
          assignOnFirstReply: settings.assignOnFirstReply,
          ccPolicy: settings.ccPolicy,
          blockedExtensions: settings.blockedExtensions,
        }}
      />
    </AdminPanel>
  );
}
