import "server-only";
import { eq, sql } from "drizzle-orm";
import { settings } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

export type Settings = Omit<typeof settings.$inferSelect, "id">;
export type SettingsChanges = Partial<Omit<Settings, "updatedAt">>;

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
      assignOnFirstReply: settings.assignOnFirstReply,
      ccPolicy: settings.ccPolicy,
      blockedExtensions: settings.blockedExtensions,
      updatedAt: settings.updatedAt,
    })
    .from(settings)
    .where(eq(settings.id, 1));
  if (!row) throw new Error("The settings row is missing: run the migrations.");
  return row;
}

export async function updateSettings(db: DbOrTx, changes: SettingsChanges): Promise<Settings> {
  await db
    .update(settings)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(settings.id, 1));
  return getSettings(db);
}
