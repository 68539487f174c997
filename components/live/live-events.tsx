"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { LiveEvent } from "@/lib/live-events";
import { useTRPC } from "../trpc/client";
import { LiveConnection, type LiveStatus } from "./live-connection";
import { routeShows, staleQueryGroups } from "./live-targets";

type LiveListener = (event: LiveEvent) => void;

interface LiveContextValue {
  status: LiveStatus;
  subscribe: (listener: LiveListener) => () => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

/** Server-rendered pages re-render at most this often, however busy the stream. */
const ROUTE_REFRESH_GAP_MS = 1_000;

/** Calls router.refresh() now, or once at the end of the gap if one ran just before. */
function useThrottledRefresh(): () => void {
  const router = useRouter();
  const routerRef = useRef(router);
  useEffect(() => {
    routerRef.current = router;
  });
  const timing = useRef<{ last: number; pending: ReturnType<typeof setTimeout> | null }>({ last: 0, pending: null });
  useEffect(() => {
    const current = timing.current;
    return () => {
      if (current.pending) clearTimeout(current.pending);
    };
  }, []);
  return useCallback(() => {
    const current = timing.current;
    if (current.pending) return;
    current.pending = setTimeout(
      () => {
        current.pending = null;
        current.last = Date.now();
        routerRef.current.refresh();
      },
      Math.max(0, current.last + ROUTE_REFRESH_GAP_MS - Date.now()),
    );
  }, []);
}

/**
 * One live stream per tab (mounted by the desk layout and the portal's
 * ticket page): each event makes its queries stale and re-renders the page
 * if it shows the change; components that need more (presence) subscribe.
 */
export function LiveEventsProvider({ children }: { children?: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const refreshRoute = useThrottledRefresh();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const listeners = useRef(new Set<LiveListener>());
  // The connection outlives renders; it reads what changes through this ref.
  const latest = useRef({ pathname, refreshRoute });
  useEffect(() => {
    latest.current = { pathname, refreshRoute };
  });

  useEffect(() => {
    const keys = { counts: trpc.desk.counts.queryKey(), queue: trpc.desk.queue.pathKey(), tickets: trpc.tickets.pathKey() };
    const connection = new LiveConnection({
      url: "/api/live",
      openSource: (url) => new EventSource(url),
      onEvent: (event) => {
        const groups = staleQueryGroups(event);
        if (groups === "all") void queryClient.invalidateQueries();
        else for (const group of groups) void queryClient.invalidateQueries({ queryKey: keys[group] });
        if (routeShows(latest.current.pathname, event)) latest.current.refreshRoute();
        for (const listener of listeners.current) listener(event);
      },
      onResync: () => {
        void queryClient.invalidateQueries();
        latest.current.refreshRoute();
        for (const listener of listeners.current) listener({ event: "resync" });
      },
      onStatus: setStatus,
    });
    connection.start();
    return () => connection.stop();
  }, [trpc, queryClient]);

  const subscribe = useCallback((listener: LiveListener) => {
    const set = listeners.current;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }, []);
  // On the document too, so a stylesheet or a test can tell a live page from one that polls.
  useEffect(() => {
    document.documentElement.dataset.live = status;
  }, [status]);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** Calls `listener` for every live event (the latest listener; no re-subscription per render). Outside a provider: never. */
export function useLiveEvent(listener: LiveListener): void {
  const context = useContext(LiveContext);
  const current = useRef(listener);
  useEffect(() => {
    current.current = listener;
  });
  const subscribe = context?.subscribe;
  useEffect(() => subscribe?.((event) => current.current(event)), [subscribe]);
}

/** "live", "connecting" or "polling"; null outside a provider. */
export function useLiveStatus(): LiveStatus | null {
  return useContext(LiveContext)?.status ?? null;
}
