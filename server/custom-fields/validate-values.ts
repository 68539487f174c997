import "server-only";
import type { CustomFieldValue, CustomFieldValues } from "@/lib/custom-field-vocabulary";
import { AppError, type FieldErrors } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import type { FieldDefinition } from "./field-definitions";
import { mayUseField } from "./field-visibility";

/**
 * The one validation of custom values, for every door (portal, desk, bulk,
 * REST): input names fields by key or by id and gives a value per type, or
 * null (or "" or []) to clear it; the result is keyed by field id, as
 * stored. A field the viewer may not use (agent-only, for a customer) is as
 * unknown as a key that does not exist, so its existence does not leak.
 * An inactive field, or an inactive option, keeps the value it holds but
 * takes no new one: sending back what is stored is not a change.
 */
export const TEXT_MAX = 1_000;
export const TEXTAREA_MAX = 10_000;
const MULTISELECT_MAX = 50;

export interface CustomValueChange {
  field: FieldDefinition;
  from: CustomFieldValue | null;
  to: CustomFieldValue | null;
}

export interface ValidatedValues {
  /** The record's values after the input: the current ones with the input's changes. */
  values: CustomFieldValues;
  /** What changed, in field order. */
  changes: CustomValueChange[];
}

/** The field-error name of a custom field, as forms and the API read it ("customFields.order_number"). */
export const customFieldErrorName = (key: string) => `customFields.${key}`;

/** The field an input key names: its key, or its id written as digits. */
function fieldNamed(fields: readonly FieldDefinition[], name: string): FieldDefinition | undefined {
  return fields.find((field) => field.key === name) ?? (/^\d{1,9}$/.test(name) ? fields.find((field) => field.id === Number(name)) : undefined);
}

type Parsed = { ok: true; value: CustomFieldValue | null } | { ok: false; message: string };

const isEmpty = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

function sameValue(a: CustomFieldValue | null | undefined, b: CustomFieldValue | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** One value checked against its field's type; `stored` is what the record holds now (still valid even if its option was retired). */
function parseValue(field: FieldDefinition, raw: unknown, stored: CustomFieldValue | undefined): Parsed {
  if (isEmpty(raw)) return { ok: true, value: null };
  const label = field.label;
  const optionAllowed = (value: string, held: readonly string[]) => field.options.some((option) => option.value === value && option.active) || held.includes(value);
  switch (field.type) {
    case "text":
    case "textarea": {
      if (typeof raw !== "string") return { ok: false, message: `${label} must be text.` };
      const text = field.type === "text" ? raw.trim() : raw.replace(/\s+$/, "");
      const max = field.type === "text" ? TEXT_MAX : TEXTAREA_MAX;
      if (text.length > max) return { ok: false, message: `Keep ${label} under ${max.toLocaleString("en")} characters.` };
      if (field.type === "text" && /[\r\n]/.test(text)) return { ok: false, message: `${label} takes a single line.` };
      return { ok: true, value: text || null };
    }
    case "number": {
      const number = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(number)) return { ok: false, message: `${label} must be a number.` };
      return { ok: true, value: number };
    }
    case "date": {
      if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { ok: false, message: `${label} must be a date (YYYY-MM-DD).` };
      // Round-tripping through Date refuses 2026-02-30 and the like.
      const parsed = new Date(`${raw}T00:00:00Z`);
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== raw) return { ok: false, message: `${label} is not a real date.` };
      return { ok: true, value: raw };
    }
    case "checkbox": {
      if (typeof raw !== "boolean") return { ok: false, message: `${label} must be true or false.` };
      return { ok: true, value: raw };
    }
    case "dropdown": {
      if (typeof raw !== "string") return { ok: false, message: `${label} must be one of its options.` };
      if (!optionAllowed(raw, typeof stored === "string" ? [stored] : [])) return { ok: false, message: `Choose one of the options of ${label}.` };
      return { ok: true, value: raw };
    }
    case "multiselect": {
      if (!Array.isArray(raw) || raw.some((item) => typeof item !== "string")) return { ok: false, message: `${label} must be a list of its options.` };
      const chosen = [...new Set(raw as string[])];
      if (chosen.length > MULTISELECT_MAX) return { ok: false, message: `Choose at most ${MULTISELECT_MAX} options of ${label}.` };
      const held = Array.isArray(stored) ? stored : [];
      const unknown = chosen.filter((value) => !optionAllowed(value, held));
      if (unknown.length > 0) return { ok: false, message: `Choose among the options of ${label} (not ${unknown.map((v) => `“${v}”`).join(", ")}).` };
      // Stored in the field's option order, so equal choices compare equal.
      const order = (value: string) => field.options.findIndex((option) => option.value === value);
      return { ok: true, value: chosen.sort((a, b) => order(a) - order(b)) };
    }
  }
}

/**
 * Validates `input` against the target's fields (all of them, active or
 * not, as listFieldDefinitions returns them) for `viewer`, on top of the
 * record's `current` values. Throws an INVALID AppError whose field errors
 * name each field at fault (customFieldErrorName).
 */
export function validateCustomValues(
  fields: readonly FieldDefinition[],
  input: Readonly<Record<string, unknown>>,
  options: { viewer: Pick<SessionUser, "role">; current?: CustomFieldValues },
): ValidatedValues {
  const current = options.current ?? {};
  const errors: FieldErrors = {};
  const next = new Map<number, CustomFieldValue | null>();
  for (const [name, raw] of Object.entries(input)) {
    const field = fieldNamed(fields, name);
    if (!field || !mayUseField(options.viewer, field)) {
      errors[customFieldErrorName(name)] = [`There is no field “${name}”.`];
      continue;
    }
    const stored = current[String(field.id)];
    const parsed = parseValue(field, raw, stored);
    if (!parsed.ok) {
      errors[customFieldErrorName(field.key)] = [parsed.message];
      continue;
    }
    if (!field.active && !sameValue(parsed.value, stored)) {
      errors[customFieldErrorName(field.key)] = [`${field.label} is no longer in use and cannot change.`];
      continue;
    }
    next.set(field.id, parsed.value);
  }
  const messages = Object.values(errors).flatMap((list) => list ?? []);
  if (messages.length > 0) throw new AppError("INVALID", messages.length === 1 ? (messages[0] ?? "") : "Some fields need attention.", { fieldErrors: errors });

  const values: CustomFieldValues = { ...current };
  const changes: CustomValueChange[] = [];
  for (const field of fields) {
    if (!next.has(field.id)) continue;
    const id = String(field.id);
    const to = next.get(field.id) ?? null;
    const from = current[id] ?? null;
    if (sameValue(from, to)) continue;
    if (to === null) delete values[id];
    else values[id] = to;
    changes.push({ field, from, to });
  }
  return { values, changes };
}
