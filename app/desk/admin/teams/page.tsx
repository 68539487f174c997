import type { Metadata } from "next";
import { AdminPanel } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { CreateTeamForm } from "./create-team-form";
import { TeamCard } from "./team-card";

export const metadata: Metadata = { title: "Teams · Admin" };

export default async function AdminTeamsPage() {
  await requireUser("admin");
  const api = await getServerApi();
  const [teams, staff, calendarRows] = await Promise.all([api.admin.teams.list(), api.admin.staff(), api.admin.sla.calendars.list()]);
  const calendars = calendarRows.map(({ id, name, isDefault }) => ({ id, name, isDefault }));
  const activeStaff = staff.filter((person) => !person.disabledAt).map(({ id, name, role }) => ({ id, name, role }));

  return (
    <div className="space-y-6">
      <AdminPanel id="new-team" title="New team" description="Teams group agents; categories route new tickets to a team.">
        <CreateTeamForm />
      </AdminPanel>
      {teams.length === 0 ? (
        <EmptyState title="No teams yet">
          Create a team above, add agents to it, then pick it as the default team of a category so its tickets reach the right people.
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Teams">
          {teams.map((team) => (
            <li key={team.id}>
              <TeamCard
                team={team}
                candidates={activeStaff.filter((person) => !team.members.some((m) => m.id === person.id))}
                calendars={calendars}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
