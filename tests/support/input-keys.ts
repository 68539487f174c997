import type { AnyRouter } from "@trpc/server";

/**
 * The keys a procedure's input schema accepts, found by walking its zod
 * definition, and whether any object in it lets unknown keys through. Used
 * to prove that no input can carry a field it should not (mass assignment):
 * zod objects strip unknown keys, so only declared keys reach the domain.
 */

interface ZodNode {
  _zod: { def: Record<string, unknown> & { type: string } };
}

const isZod = (value: unknown): value is ZodNode =>
  typeof value === "object" && value !== null && "_zod" in value && typeof (value as ZodNode)._zod?.def?.type === "string";

export interface InputKeys {
  /** Dotted paths of every declared key ("changes.priority"). */
  keys: string[];
  /** Paths of objects that keep unknown keys (looseObject, passthrough, catchall). */
  open: string[];
}

export function inputKeysOf(schema: unknown, at = ""): InputKeys {
  const found: InputKeys = { keys: [], open: [] };
  const walk = (node: unknown, path: string, seen: Set<unknown>) => {
    if (!isZod(node) || seen.has(node)) return;
    seen.add(node);
    const def = node._zod.def;
    const child = (value: unknown, childPath = path) => walk(value, childPath, seen);
    switch (def.type) {
      case "object": {
        // A strip object has no catchall; looseObject/passthrough set `unknown`, catchall a schema.
        if (def.catchall && isZod(def.catchall) && def.catchall._zod.def.type !== "never") found.open.push(path || "(input)");
        for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
          const keyPath = path ? `${path}.${key}` : key;
          found.keys.push(keyPath);
          child(value, keyPath);
        }
        return;
      }
      case "intersection":
        child(def.left);
        child(def.right);
        return;
      case "union":
        for (const option of def.options as unknown[]) child(option);
        return;
      case "pipe":
        child(def.in);
        child(def.out);
        return;
      case "array":
        child(def.element, `${path}[]`);
        return;
      default:
        if ("innerType" in def) child(def.innerType);
    }
  };
  walk(schema, at, new Set());
  return found;
}

/** Every procedure path with the keys its inputs accept. */
export function procedureInputs(router: AnyRouter): Map<string, InputKeys> {
  const procedures = router._def.procedures as Record<string, { _def: { inputs: unknown[] } }>;
  return new Map(
    Object.entries(procedures).map(([path, procedure]) => {
      const all = procedure._def.inputs.map((input) => inputKeysOf(input));
      return [path, { keys: all.flatMap((i) => i.keys), open: all.flatMap((i) => i.open) }];
    }),
  );
}
