import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { resolveActor } from "@/lib/auth/resolve-actor";

export const metadata: Metadata = { title: "Change password" };

// Outside the console layout on purpose: that layout sends a user with an admin-given password here.
export default async function Page() {
  const actor = await resolveActor(await headers()).catch(() => undefined);
  if (!actor) redirect(`/sign-in?next=${encodeURIComponent("/account/password")}`);
  if (actor.kind !== "user") redirect("/");
  const forced = actor.mustChangePassword;
  return (
    <AuthCard
      title="Change password"
      subtitle={
        forced
          ? "An admin set your password. Choose your own before you go on: only you should know it."
          : `Signed in as ${actor.name}. Other browsers signed in as you are signed out.`
      }
    >
      <ChangePasswordForm />
      {!forced && (
        <p className="mt-3 text-center text-sm">
          <Link href="/" className="underline">
            Back to the console
          </Link>
        </p>
      )}
    </AuthCard>
  );
}
