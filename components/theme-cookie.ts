import { cookies } from "next/headers";
import { themes, type Theme } from "./theme";

export async function readTheme(): Promise<Theme> {
  const value = (await cookies()).get("theme")?.value;
  return themes.find((t) => t === value) ?? "system";
}
