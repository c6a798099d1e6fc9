/** Browser-side sign-in through better-auth's endpoint; returns an operator-readable error or null. */
export async function signIn(email: string, password: string): Promise<string | null> {
  const res = await fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  }).catch(() => null);
  if (!res) return "Faultline is not reachable. Check your connection and try again.";
  if (res.ok) return null;
  // Errors come as { error: { code, message } } (lib/http/respond.ts); branch on the code.
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  switch (body.error?.code) {
    case "RATE_LIMITED": {
      const wait = res.headers.get("retry-after");
      return `Too many sign-in attempts. Try again in ${wait ? `${wait} s` : "a few minutes"}.`;
    }
    case "ACCOUNT_DISABLED":
      return "This account is disabled. Ask an admin.";
    case "UNAUTHENTICATED":
      return "Wrong email or password.";
    default:
      return body.error?.message ?? `Sign-in failed (HTTP ${res.status}).`;
  }
}
