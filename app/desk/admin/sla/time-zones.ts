/**
 * The zones a calendar can use, listed on the server so the page renders the
 * same options it hydrates with (browsers' lists differ from Node's). UTC is
 * not in Intl's list of canonical zones, so it is added; a zone saved earlier
 * that the list lacks is kept so editing never silently changes it.
 */
export function timeZoneOptions(saved: readonly string[]): string[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  const extra = saved.filter((zone) => !zones.has(zone));
  return [...extra, ...zones];
}
