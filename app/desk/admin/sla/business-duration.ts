/** SLA targets are business minutes; admins read and enter them as hours and minutes (never days: a business day is not 24 hours). */

export function formatBusinessMinutes(minutes: number | null): string {
  if (minutes === null) return "No target";
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The hours and minutes inputs of a target ("" when there is none). */
export function hoursAndMinutesOf(minutes: number | null): { hours: string; minutes: string } {
  if (minutes === null) return { hours: "", minutes: "" };
  return { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60) };
}

/** A target from the hours and minutes inputs: null when both are empty; NaN (refused by the server) when not numbers. */
export function minutesOf(hours: string, minutes: string): number | null {
  if (hours.trim() === "" && minutes.trim() === "") return null;
  return Number(hours.trim() || 0) * 60 + Number(minutes.trim() || 0);
}
