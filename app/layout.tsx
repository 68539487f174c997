import type { Metadata } from "next";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import { readTheme } from "@/components/theme-cookie";
import { TRPCReactProvider } from "@/components/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Frontdesk", template: "%s · Frontdesk" },
  description: "Customer support help desk",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme={await readTheme()}>
      <body className="min-h-screen">
        <TRPCReactProvider>{children}</TRPCReactProvider>
        <HydrationMarker />
      </body>
    </html>
  );
}
