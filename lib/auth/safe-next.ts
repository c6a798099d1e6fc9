/** Where to go after sign-in: only a path on this site (never `//host` or `https://…`). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/sign-in") || next.startsWith("/setup")) return "/";
  return next;
}
