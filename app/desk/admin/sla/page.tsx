import type { Metadata } from "next";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { CalendarForm } from "./calendar-form";
import { CalendarList } from "./calendar-list";
import { PolicyForm } from "./policy-form";
import { PolicyTable } from "./policy-table";
import { timeZoneOptions } from "./time-zones";

export const metadata: Metadata = { title: "SLA · Admin" };

export default async function AdminSlaPage() {
  await requireUser("admin");
  const api = await getServerApi();
  const [calendars, policies, scopeOptions] = await Promise.all([
    api.admin.sla.calendars.list(),
    api.admin.sla.policies.list(),
    api.admin.sla.policies.scopeOptions(),
  ]);
  const timeZones = timeZoneOptions(calendars.map((calendar) => calendar.timeZone));
  const defaultCalendar = calendars.find((calendar) => calendar.isDefault);

  return (
    <div className="space-y-6">
      <AdminPanel
        id="business-hours"
        title="Business hours"
        description="SLA clocks only run inside business hours. A ticket uses its team's calendar, else the default one; with no calendar at all, clocks run around the clock. Changes apply to tickets when they are next created or changed."
      >
        {calendars.length === 0 ? (
          <EmptyState title="No business hours yet">
            SLA clocks run around the clock. Add a calendar below: the first one becomes the default for every team.
          </EmptyState>
        ) : (
          <CalendarList calendars={calendars} timeZones={timeZones} now={new Date()} />
        )}
        <Disclosure summary="Add a calendar">
          <CalendarForm timeZones={timeZones} defaultTimeZone={defaultCalendar?.timeZone ?? "UTC"} />
        </Disclosure>
      </AdminPanel>
      <AdminPanel
        id="sla-policies"
        title="SLA policies"
        description="First-response and resolution targets per priority, in business hours. A ticket gets the most specific matching policy: organization and category, then organization, then category, then the priority alone. Changes apply to tickets when they are next created or changed."
      >
        {policies.length === 0 ? (
          <EmptyState title="No SLA policies yet">
            Tickets have no targets. Add a policy below, for example urgent tickets answered within 1 hour and resolved within 8.
          </EmptyState>
        ) : (
          <PolicyTable policies={policies} options={scopeOptions} />
        )}
        <Disclosure summary="Add a policy">
          <PolicyForm options={scopeOptions} />
        </Disclosure>
      </AdminPanel>
    </div>
  );
}
