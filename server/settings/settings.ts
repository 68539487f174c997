import "server-only";
import { eq, sql } from "drizzle-orm";
import { settings } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

type StoredSettings = Omit<typeof settings.$inferSelect, "id">;
export type Settings = StoredSettings & {
  /** An agent's public reply to an unassigned ticket assigns it to them (see addReply). */
  assignOnFirstReply: boolean;
};
export type SettingsChanges = Partial<Omit<StoredSettings, "updatedAt">>;

// Not stored yet: the settings row needs a column for it (asked of the lead
// for issue 14). Until then every workspace gets the default, which is on.
const ASSIGN_ON_FIRST_REPLY_DEFAULT = true;

/** The workspace settings (one row, created by migration 0002). */
export async function getSettings(db: DbOrTx): Promise<Settings> {
  const [row] = await db
    .select({
      attachmentMaxBytes: settings.attachmentMaxBytes,
      attachmentMaxCount: settings.attachmentMaxCount,
      autoCloseDays: settings.autoCloseDays,
      satisfactionSurveys: settings.satisfactionSurveys,
      satisfactionLinkDays: settings.satisfactionLinkDays,
      reopenOnBadRating: settings.reopenOnBadRating,
      updatedAt: settings.updatedAt,
    })
    .from(settings)
    .where(eq(settings.id, 1));
  if (!row) throw new Error("The settings row is missing: run the migrations.");
  return { ...row, assignOnFirstReply: ASSIGN_ON_FIRST_REPLY_DEFAULT };
}

export async function updateSettings(db: DbOrTx, changes: SettingsChanges): Promise<Settings> {
  await db
    .update(settings)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(settings.id, 1));
  return getSettings(db);
}
