import { signOutAction } from "@/server/auth/sign-out-action";
import { AwayToggle } from "./desk/away-toggle";
import { readTheme } from "./theme-cookie";
import { ThemeToggle } from "./theme-toggle";

/** Who is signed in, the theme switch and sign-out: the right end of every header. */
export async function UserMenu({ name, role, away }: { name: string; role: string; away?: boolean }) {
  return (
    <div className="flex items-center gap-2">
      {away === undefined ? null : <AwayToggle away={away} />}
      <ThemeToggle initial={await readTheme()} />
      <span className="hidden text-right text-sm sm:block">
        <span className="block leading-tight font-medium">{name}</span>
        <span className="block text-xs leading-tight text-muted capitalize">{role}</span>
      </span>
      <form action={signOutAction}>
        <button type="submit" className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap text-muted hover:bg-surface-muted hover:text-fg">
          Sign out
        </button>
      </form>
    </div>
  );
}
