import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { SignInForm } from "@/components/auth/SignInForm";
import { resolveActor } from "@/lib/auth/resolve-actor";
import { safeNextPath } from "@/lib/auth/safe-next";
import { db } from "@/lib/db/client";
import { setupNeeded } from "@/lib/users/first-admin";

export const metadata: Metadata = { title: "Sign in" };

export default async function Page({ searchParams }: PageProps<"/sign-in">) {
  const next = safeNextPath((await searchParams).next);
  if (await setupNeeded(db())) redirect("/setup");
  if (await resolveActor(await headers()).catch(() => undefined)) redirect(next);
  return (
    <AuthCard title="Sign in" subtitle="Every change you make is recorded with your name.">
      <SignInForm next={next} />
    </AuthCard>
  );
}
