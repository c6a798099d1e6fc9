import Link from "next/link";

const link = "font-semibold text-sky-800 underline underline-offset-2 dark:text-sky-300";

/** A fresh install's way in: the three ways to describe a fleet (console, HAProxy import, fleet file). */
export function FirstSteps({ canOperate, onAdd }: { canOperate: boolean; onAdd?: () => void }) {
  return (
    <span data-testid="first-steps" className="block space-y-1">
      <span className="block">No services yet. To bring your own fleet:</span>
      <span className="block">
        {canOperate && onAdd ? (
          <button type="button" onClick={onAdd} className={link}>
            Add your first service
          </button>
        ) : (
          <Link href="/services" className={link}>
            Add your first service
          </Link>
        )}{" "}
        — then its pools, instances and health checks;
      </span>
      <span className="block">
        <Link href="/settings#balancers-h" className={link}>
          Connect a HAProxy
        </Link>{" "}
        and import its backends (admins);
      </span>
      <span className="block">
        or apply a fleet file from your repository: <code className="font-mono">faultline apply -f faultline.yaml</code> (
        <code className="font-mono">faultline --help</code>, with an API token from Settings).
      </span>
    </span>
  );
}
