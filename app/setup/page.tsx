import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/AuthCard";
import { SetupForm } from "@/components/auth/SetupForm";
import { db } from "@/lib/db/client";
import { setupNeeded } from "@/lib/users/first-admin";

export const metadata: Metadata = { title: "Set up" };

/** One-time: exists only until the first user does. */
export default async function Page() {
  if (!(await setupNeeded(db()))) redirect("/sign-in");
  return (
    <AuthCard title="Create the admin" subtitle="No one can sign in yet. The account you create here administers Faultline; this page disappears afterwards.">
      <SetupForm />
    </AuthCard>
  );
}
