import { Disclosure } from "@/components/admin/admin-panel";
import type { AssignmentMode, UserRole } from "@/lib/vocabularies";
import { AssignmentModeSelect } from "./assignment-mode-select";
import { EditTeamForm } from "./edit-team-form";
import { TeamCalendarSelect, type CalendarOption } from "./team-calendar-select";
import { TeamMembers } from "./team-members";

export interface TeamView {
  id: string;
  name: string;
  description: string;
  assignmentMode: AssignmentMode;
  calendarId: string | null;
  categories: string[];
  members: { id: string; name: string; email: string; role: UserRole; disabledAt: Date | null }[];
}

/** One team: who is in it, which categories route to it, and its settings. */
export function TeamCard({
  team,
  candidates,
  calendars,
}: {
  team: TeamView;
  candidates: { id: string; name: string; role: UserRole }[];
  calendars: CalendarOption[];
}) {
  const headingId = `team-${team.id}`;
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-border bg-surface p-4 sm:p-5">
      <div>
        <h2 id={headingId} className="font-semibold">
          {team.name}
        </h2>
        {team.description ? <p className="text-sm text-muted">{team.description}</p> : null}
        <p className="mt-1 text-xs text-muted">
          {team.categories.length > 0 ? `Receives new tickets in: ${team.categories.join(", ")}.` : "No category routes tickets to this team yet."}
        </p>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-3">
        <AssignmentModeSelect teamId={team.id} mode={team.assignmentMode} />
        <TeamCalendarSelect teamId={team.id} calendarId={team.calendarId} calendars={calendars} />
      </div>
      <TeamMembers teamId={team.id} teamName={team.name} members={team.members} candidates={candidates} />
      <Disclosure summary={`Rename or describe ${team.name}`}>
        <EditTeamForm team={team} />
      </Disclosure>
    </section>
  );
}
