import "server-only";
import { AppError } from "./errors";

/**
 * PostgreSQL cannot store U+0000 in text or jsonb, so a NUL byte in any input
 * would reach the database as an error and answer 500. Every door refuses it
 * up front with a clear 400 instead: the tRPC base procedure checks the raw
 * input of every procedure, server actions and route handlers check what
 * they read, pages check their query strings.
 */
export const NUL_BYTE_MESSAGE = "Text cannot contain a NUL character (\\0). Remove it and try again.";

type Path = (string | number)[];
/** A value still to look at, linked to where it sits (paths are built only for a hit, so the walk stays linear however deep the input nests). */
type Pending = { value: unknown; key: string | number | null; parent: Pending | null };

/**
 * Where the first NUL byte is, in a string, an object key or any string inside
 * arrays and plain objects (walked without recursion, so no nesting depth can
 * overflow the stack); null when there is none.
 */
export function findNulByte(value: unknown): Path | null {
  const pending: Pending[] = [{ value, key: null, parent: null }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const parent = item;
    if (typeof item.value === "string") {
      if (item.value.includes("\0")) return pathOf(item);
    } else if (Array.isArray(item.value)) {
      item.value.forEach((entry: unknown, index) => pending.push({ value: entry, key: index, parent }));
    } else if (isPlainObject(item.value)) {
      for (const [key, entry] of Object.entries(item.value)) {
        if (key.includes("\0")) return pathOf({ value: entry, key, parent });
        pending.push({ value: entry, key, parent });
      }
    }
  }
  return null;
}

function pathOf(item: Pending): Path {
  const path: Path = [];
  for (let at: Pending | null = item; at && at.key !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The INVALID AppError for an input holding a NUL byte, naming the field it is in; null when the input is clean. */
export function nulByteError(input: unknown): AppError | null {
  const path = findNulByte(input);
  if (!path) return null;
  const [field] = path;
  return new AppError("INVALID", NUL_BYTE_MESSAGE, typeof field === "string" ? { fieldErrors: { [field]: [NUL_BYTE_MESSAGE] } } : {});
}

/** The same check for a submitted form: its field names, its text fields and the names of its files. */
export function formNulByteError(form: FormData): AppError | null {
  for (const [key, value] of form.entries()) {
    const text = typeof value === "string" ? value : value.name;
    if (key.includes("\0") || text.includes("\0")) return nulByteError({ [key]: "\0" });
  }
  return null;
}
