import Link from "next/link";
import { signOutAction } from "@/server/auth/sign-out-action";
import { AwayToggle } from "./desk/away-toggle";
import { SignOutForm } from "./sign-out-form";
import { readTheme } from "./theme-cookie";
import { ThemeToggle } from "./theme-toggle";

/** Who is signed in, the theme switch, their API tokens and sign-out: the right end of every header. */
export async function UserMenu({ name, role, away }: { name: string; role: string; away?: boolean }) {
  return (
    <div className="ml-auto flex items-center gap-1 sm:gap-2">
      {away === undefined ? null : <AwayToggle away={away} />}
      <ThemeToggle initial={await readTheme()} />
      <Link href="/settings/tokens" title="API tokens" className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-sm whitespace-nowrap text-muted hover:bg-surface-muted hover:text-fg">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4">
          <circle cx="6.5" cy="13.5" r="3.5" />
          <path d="M9 11l7-7m-2.5 2.5L16 9m-4.5-2.5L14 9" strokeLinecap="round" />
        </svg>
        <span className="sr-only lg:not-sr-only">API tokens</span>
      </Link>
      <span className="hidden text-right text-sm sm:block">
        <span className="block leading-tight font-medium">{name}</span>
        <span className="block text-xs leading-tight text-muted capitalize">{role}</span>
      </span>
      <SignOutForm action={signOutAction} />
    </div>
  );
}
