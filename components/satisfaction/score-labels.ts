import type { SatisfactionScore } from "@/db/schema/values";

export const scoreLabels: Record<SatisfactionScore, string> = { good: "Good", bad: "Bad" };
