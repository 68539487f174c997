import "server-only";
import type { CcPolicy } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { getSettings, updateSettings, type Settings } from "@/server/settings/settings";

/**
 * Settings as admins see them: attachment size in whole megabytes (stored in
 * bytes, which is what the upload check compares against), auto-close, and
 * the satisfaction survey switches, assignment on first reply, who becomes a
 * CC, and the file extensions that are refused.
 */
const bytesPerMb = 1024 * 1024;

export interface WorkspaceSettings {
  attachmentMaxMb: number;
  attachmentMaxCount: number;
  autoCloseDays: number;
  satisfactionSurveys: boolean;
  satisfactionLinkDays: number;
  reopenOnBadRating: boolean;
  assignOnFirstReply: boolean;
  ccPolicy: CcPolicy;
  blockedExtensions: string[];
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
    assignOnFirstReply: settings.assignOnFirstReply,
    ccPolicy: settings.ccPolicy,
    blockedExtensions: settings.blockedExtensions,
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
    assignOnFirstReply: input.assignOnFirstReply,
    ccPolicy: input.ccPolicy,
    // Stored once each, sorted, so the form shows a tidy list.
    blockedExtensions: [...new Set(input.blockedExtensions)].sort(),
  });
  return toWorkspaceSettings(updated);
}
