"use client";

import { renderCannedResponse } from "@/lib/canned-placeholders";

export interface CannedResponse {
  id: string;
  title: string;
  body: string;
}

/** Inserts a saved reply, with its placeholders filled in for this ticket. */
export function CannedResponsePicker({
  responses,
  values,
  onInsert,
}: {
  responses: CannedResponse[];
  values: { requesterName: string; ticketNumber: number; agentName: string };
  onInsert: (text: string) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="canned-response" className="text-xs text-muted">Canned response</label>
      <select
        id="canned-response"
        value=""
        onChange={(e) => {
          const response = responses.find((r) => r.id === e.target.value);
          if (response) onInsert(renderCannedResponse(response.body, values));
        }}
        className="rounded-md border border-border-strong bg-surface px-2 py-1 text-sm"
      >
        <option value="">Insert…</option>
        {responses.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
      </select>
    </div>
  );
}
