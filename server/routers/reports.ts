import { z } from "zod";
import { weeklyVolumeReport } from "@/server/reports/ticket-volume";
import { managerProcedure, router } from "@/server/trpc";

export const weeklyVolumeInput = z.object({ weeks: z.number().int().min(1).max(104).default(12) });

export const reportsRouter = router({
  weeklyVolume: managerProcedure.input(weeklyVolumeInput).query(({ ctx, input }) => weeklyVolumeReport(ctx.db, input.weeks)),
});
