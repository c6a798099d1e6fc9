"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changePassword } from "@/lib/auth/password-client";
import { Field, FormError, primaryButton } from "./AuthCard";

/** Current password, the new one twice; on success back to the console (other sessions end). */
export function ChangePasswordForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const el = e.currentTarget;
        const form = new FormData(el);
        const next = String(form.get("newPassword"));
        if (next !== String(form.get("confirmPassword"))) return setError("The new password and its confirmation differ.");
        setBusy(true);
        const failure = await changePassword(String(form.get("currentPassword")), next);
        setBusy(false);
        if (failure) {
          for (const name of ["currentPassword", "newPassword", "confirmPassword"]) {
            const input = el.elements.namedItem(name);
            if (input instanceof HTMLInputElement) input.value = "";
          }
          return setError(failure.message);
        }
        router.replace("/?password=changed");
        router.refresh();
      }}
    >
      <FormError message={error} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required />
      <Field label="New password (at least 10 characters)" name="newPassword" type="password" autoComplete="new-password" minLength={10} required />
      <Field label="New password again" name="confirmPassword" type="password" autoComplete="new-password" minLength={10} required />
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
