import type { ReactNode } from "react";
import { ActorProvider } from "@/components/auth/ActorProvider";
import { AppShell } from "@/components/shell/AppShell";
import { requireSignedIn } from "./require-signed-in";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireSignedIn();
  return (
    <ActorProvider actor={{ name: actor.name, role: actor.role }}>
      <AppShell>{children}</AppShell>
    </ActorProvider>
  );
}
