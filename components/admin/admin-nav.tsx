"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const sections: { href: Route; label: string }[] = [
  { href: "/desk/admin/users", label: "Users" },
  { href: "/desk/admin/teams", label: "Teams" },
  { href: "/desk/admin/organizations", label: "Organizations" },
  { href: "/desk/admin/categories", label: "Categories" },
  { href: "/desk/admin/fields", label: "Fields" },
  { href: "/desk/admin/canned-responses", label: "Canned responses" },
  { href: "/desk/admin/sla", label: "Hours & SLA" },
  { href: "/desk/admin/automations", label: "Automations" },
  { href: "/desk/admin/webhooks", label: "Webhooks" },
  { href: "/desk/admin/settings", label: "Settings" },
  { href: "/desk/admin/mailboxes", label: "Mailboxes" },
  { href: "/desk/admin/mailbox", label: "Outgoing mail" },
];

/**
 * The admin area's sections, as tabs; the current one is marked for
 * assistive tech too. Wide screens wrap them onto two lines; a phone scrolls
 * them sideways, with the current tab brought into view.
 */
export function AdminNav() {
  const pathname = usePathname();
  const currentLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    currentLink.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <nav aria-label="Admin sections" className="border-b border-border">
      <ul className="-mb-px flex gap-1 overflow-x-auto md:flex-wrap">
        {sections.map((section) => {
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                ref={current ? currentLink : undefined}
                aria-current={current ? "page" : undefined}
                className={`block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
                  current ? "border-accent text-fg" : "border-transparent text-muted hover:border-border-strong hover:text-fg"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
