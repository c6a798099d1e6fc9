/** A failed mutation's message under the form that sent it (the server's words). */
export function InlineError({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
      {error.message}
    </p>
  );
}
