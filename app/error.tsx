"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-muted">The error was logged. Try again, and if it keeps happening, tell your administrator.</p>
      <button type="button" onClick={reset} className="mt-6 text-sm font-medium text-accent hover:underline">
        Try again
      </button>
    </main>
  );
}
