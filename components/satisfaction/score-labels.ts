import type { SatisfactionScore } from "@/lib/vocabularies";

export const scoreLabels: Record<SatisfactionScore, string> = { good: "Good", bad: "Bad" };
