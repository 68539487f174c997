/** The help center's search box: a plain GET form, so it works before (and without) JavaScript. */
export function HelpSearchForm({ query = "", large = false }: { query?: string; large?: boolean }) {
  return (
    <form role="search" action="/help/search" method="get" className={`flex gap-2 ${large ? "w-full" : "w-full sm:w-72"}`}>
      <label htmlFor={large ? "help-search-main" : "help-search"} className="sr-only">
        Search the help center
      </label>
      <input
        id={large ? "help-search-main" : "help-search"}
        type="search"
        name="q"
        defaultValue={query}
        maxLength={200}
        placeholder="Search for answers"
        className={`min-w-0 flex-1 rounded-md border border-border-strong bg-surface px-3 text-fg placeholder:text-muted ${large ? "py-2.5 text-base" : "py-1.5 text-sm"}`}
      />
      <button type="submit" className={`rounded-md border border-transparent bg-accent px-3.5 font-medium text-accent-fg hover:bg-accent-hover ${large ? "py-2.5" : "py-1.5 text-sm"}`}>
        Search
      </button>
    </form>
  );
}
