"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { signIn } from "@/lib/auth/sign-in-client";
import { fetchJson } from "@/lib/queries/fetch-json";
import { Field, FormError, primaryButton } from "./AuthCard";

export function SetupForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const email = String(form.get("email"));
        const password = String(form.get("password"));
        if (password !== String(form.get("confirm"))) return setError("The two passwords differ.");
        setBusy(true);
        try {
          await fetchJson("/api/v1/setup", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email, name: String(form.get("name")), password }),
          });
          const failure = await signIn(email, password);
          if (failure) throw new Error(failure);
          router.replace("/");
          router.refresh();
        } catch (err) {
          setError((err as Error).message);
          setBusy(false);
        }
      }}
    >
      <FormError message={error} />
      <Field label="Name" name="name" autoComplete="name" required defaultValue="Administrator" />
      <Field label="Email" name="email" type="email" autoComplete="username" required />
      <Field label="Password (at least 10 characters)" name="password" type="password" autoComplete="new-password" minLength={10} required />
      <Field label="Repeat password" name="confirm" type="password" autoComplete="new-password" minLength={10} required />
      <button type="submit" disabled={busy} className={primaryButton}>
        {busy ? "Creating…" : "Create the admin"}
      </button>
    </form>
  );
}
