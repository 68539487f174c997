/**
 * Splits a failed tRPC mutation into what each form control shows (the zod
 * field errors from the error formatter) and what the form shows above its
 * controls (anything else: conflicts, refusals, errors on fields the form
 * does not display, network failures).
 */
export interface MutationErrorLike {
  message: string;
  data?: { fieldErrors?: Record<string, string[] | undefined> | null } | null;
}

export function mutationErrors<TField extends string>(error: MutationErrorLike | null, fields: readonly TField[]) {
  const fieldErrors = error?.data?.fieldErrors ?? {};
  const field = (name: TField): string | undefined => fieldErrors[name]?.[0];
  const shownByAField = fields.some((name) => field(name));
  return { field, formError: error && !shownByAField ? error.message : null };
}

/** The option a form value names, if it is one of `options` (select values are plain strings). */
export function optionOf<T extends string>(options: readonly T[], value: FormDataEntryValue | null): T | undefined {
  return options.find((option) => option === value);
}
