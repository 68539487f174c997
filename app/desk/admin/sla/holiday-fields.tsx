"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { FieldProblems } from "./field-problems";

const dateClass =
  "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm text-fg focus:border-accent focus:outline-none focus-visible:outline-2 focus-visible:outline-accent";

/** Local dates closed all day, each a date input that can be removed; empty ones are ignored on save. */
export function HolidayFields({ id, holidays, onChange, problems }: { id: string; holidays: string[]; onChange: (holidays: string[]) => void; problems: string[] }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // The date input just added takes focus, so keyboard users land where they type.
  const focusIndex = useRef<number | null>(null);

  return (
    <fieldset className="space-y-2" aria-describedby={problems.length > 0 ? errorId : hintId}>
      <legend className="text-sm font-medium">Holidays</legend>
      <p id={hintId} className="text-xs text-muted">
        Closed all day on these dates (in the calendar&apos;s time zone): SLA clocks do not run.
      </p>
      {holidays.length === 0 ? (
        <p className="text-sm text-muted">No holidays.</p>
      ) : (
        <ul className="flex flex-wrap gap-2">
          {holidays.map((date, index) => (
            <li key={index} className="flex items-center gap-1 rounded-md border border-border bg-surface-muted py-1 ps-1 pe-0.5">
              <input
                type="date"
                aria-label={`Holiday ${index + 1}`}
                value={date}
                ref={(element) => {
                  if (element && focusIndex.current === index) {
                    focusIndex.current = null;
                    element.focus();
                  }
                }}
                onChange={(event) => onChange(holidays.map((d, i) => (i === index ? event.target.value : d)))}
                className={dateClass}
              />
              <Button
                variant="ghost"
                className="px-2 py-1"
                aria-label={`Remove holiday ${date || index + 1}`}
                onClick={() => onChange(holidays.filter((_, i) => i !== index))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button
        variant="secondary"
        onClick={() => {
          focusIndex.current = holidays.length;
          onChange([...holidays, ""]);
        }}
      >
        Add a holiday
      </Button>
      <FieldProblems id={errorId} problems={problems} />
    </fieldset>
  );
}
