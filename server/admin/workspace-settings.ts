import "server-only";
import type { DbOrTx } from "@/db/types";
import { getSettings, updateSettings, type Settings } from "@/server/settings/settings";

/**
 * Settings as admins see them: attachment size in whole megabytes (stored in
 * bytes, which is what the upload check compares against), auto-close, and
 * the satisfaction survey switches.
 */
const bytesPerMb = 1024 * 1024;

export interface WorkspaceSettings {
  attachmentMaxMb: number;
  attachmentMaxCount: number;
  autoCloseDays: number;
  satisfactionSurveys: boolean;
  satisfactionLinkDays: number;
  reopenOnBadRating: boolean;
  updatedAt: Date;
}

function toWorkspaceSettings(settings: Settings): WorkspaceSettings {
  return {
    // A value set outside the admin (in bytes) shows as the nearest whole megabyte, at least 1.
    attachmentMaxMb: Math.max(1, Math.round(settings.attachmentMaxBytes / bytesPerMb)),
    attachmentMaxCount: settings.attachmentMaxCount,
    autoCloseDays: settings.autoCloseDays,
    satisfactionSurveys: settings.satisfactionSurveys,
    satisfactionLinkDays: settings.satisfactionLinkDays,
    reopenOnBadRating: settings.reopenOnBadRating,
    updatedAt: settings.updatedAt,
  };
}

export async function getWorkspaceSettings(db: DbOrTx): Promise<WorkspaceSettings> {
  return toWorkspaceSettings(await getSettings(db));
}

export async function updateWorkspaceSettings(
  db: DbOrTx,
  input: Omit<WorkspaceSettings, "updatedAt">,
): Promise<WorkspaceSettings> {
  const updated = await updateSettings(db, {
    attachmentMaxBytes: input.attachmentMaxMb * bytesPerMb,
    attachmentMaxCount: input.attachmentMaxCount,
    autoCloseDays: input.autoCloseDays,
    satisfactionSurveys: input.satisfactionSurveys,
    satisfactionLinkDays: input.satisfactionLinkDays,
    reopenOnBadRating: input.reopenOnBadRating,
  });
  return toWorkspaceSettings(updated);
}
