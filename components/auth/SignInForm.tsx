"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { signIn } from "@/lib/auth/sign-in-client";
import { Field, FormError, primaryButton } from "./AuthCard";

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        setBusy(true);
        const el = e.currentTarget;
        const failure = await signIn(String(form.get("email")), String(form.get("password")));
        setBusy(false);
        if (failure) {
          // Don't leave a wrong password sitting in the field.
          const pw = el.elements.namedItem("password");
          if (pw instanceof HTMLInputElement) pw.value = "";
          return setError(failure);
        }
        router.replace(next);
        router.refresh();
      }}
    >
      <FormError message={error} />
      <Field label="Email" name="email" type="email" autoComplete="username" required />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
