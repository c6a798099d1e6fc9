/**
 * Browser-side change of your own password (POST /api/v1/me/password). Returns null on success,
 * or the error with the field it names, so the form can point at the right box.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<{ message: string; field?: string } | null> {
  const res = await fetch("/api/v1/me/password", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ currentPassword, newPassword }),
  }).catch(() => null);
  if (!res) return { message: "Faultline is not reachable. Check your connection and try again." };
  if (res.ok) return null;
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; field?: string } };
  if (body.error?.field === "currentPassword") return { message: "That is not your current password.", field: "currentPassword" };
  return { message: body.error?.message ?? `Changing the password failed (HTTP ${res.status}).`, field: body.error?.field };
}
