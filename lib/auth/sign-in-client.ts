/** Browser-side sign-in through better-auth's endpoint; returns an operator-readable error or null. */
export async function signIn(email: string, password: string): Promise<string | null> {
  const res = await fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  }).catch(() => null);
  if (!res) return "Faultline is not reachable. Check your connection and try again.";
  if (res.ok) return null;
  if (res.status === 429) {
    const wait = res.headers.get("x-retry-after");
    return `Too many sign-in attempts. Try again in ${wait ? `${wait} s` : "a few minutes"}.`;
  }
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string; error?: { message?: string } };
  if (body.code === "ACCOUNT_DISABLED") return "This account is disabled. Ask an admin.";
  if (res.status === 401) return "Wrong email or password.";
  return body.error?.message ?? body.message ?? `Sign-in failed (HTTP ${res.status}).`;
}
