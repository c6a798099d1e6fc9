// Browsers strip tab/CR/LF from URLs and read `\` as `/`, so "/\t/evil" and "/\evil" become
// "//evil" (another host) after the check; C0/C1 controls and backslashes are refused outright.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;
const BASE = new URL("http://faultline.invalid");

/**
 * Where to go after sign-in: only a path on this site — never `//host`, `https://…`, a path
 * that a browser would turn into either, or the sign-in/setup pages themselves. Anything else,
 * including a repeated `?next=` (an array), is `/`.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || UNSAFE.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (/^\/(sign-in|setup)(\/|\?|#|$)/.test(path)) return "/";
  return path;
}
