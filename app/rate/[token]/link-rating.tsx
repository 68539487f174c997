"use client";

import type { SatisfactionScore } from "@/lib/vocabularies";
import { RatingForm, type RatingView } from "@/components/satisfaction/rating-form";
import { useTRPCClient } from "@/components/trpc/client";

/** The rating form behind an emailed link: records through the signed token, no sign-in. */
export function LinkRating({ token, title, chosen, current }: { token: string; title: string; chosen: SatisfactionScore | null; current: RatingView | null }) {
  const client = useTRPCClient();
  return (
    <RatingForm
      title={title}
      titleAs="h1"
      initialRating={current}
      autoRate={chosen}
      submit={(input) => client.satisfaction.rateByLink.mutate({ token, ...input })}
    />
  );
}
