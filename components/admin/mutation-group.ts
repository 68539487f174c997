/**
 * The buttons of one record's action row (test, switch off, delete…) act as
 * one: any running disables them all, the first error is the row's, and
 * pressing one clears what the others said.
 */
export interface GroupedMutation {
  isPending: boolean;
  error: { message: string } | null;
  reset: () => void;
}

export function mutationGroup(
  mutations: readonly GroupedMutation[],
  clearNotice: () => void,
) {
  return {
    pending: mutations.some((m) => m.isPending),
    error: mutations.find((m) => m.error)?.error ?? null,
    reset: () => {
      clearNotice();
      for (const m of mutations) m.reset();
    },
  };
}
