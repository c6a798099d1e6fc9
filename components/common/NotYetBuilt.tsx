import { PageTitle } from "./PageTitle";

/** An honest placeholder for a section whose feature has not landed yet. */
export function NotYetBuilt({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageTitle title={title} />
      <div className="rounded-md border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
        Not available yet: {what}
      </div>
    </>
  );
}
