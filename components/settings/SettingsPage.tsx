"use client";

import { useActor, useCan } from "@/components/auth/ActorProvider";
import { PageTitle } from "@/components/common/PageTitle";
import { ui } from "@/components/common/ui";
import { BalancersSection } from "./BalancersSection";
import { NotificationsSection } from "./NotificationsSection";
import { RootCauseCategoriesSection } from "./RootCauseCategoriesSection";
import { TokensSection } from "./TokensSection";
import { UsersSection } from "./UsersSection";

export function SettingsPage() {
  const actor = useActor();
  const admin = useCan("ADMIN");
  return (
    <>
      <PageTitle title="Settings" subtitle="Users, API tokens, balancers, notifications and root-cause categories." />
      {admin ? (
        <>
          <UsersSection />
          <TokensSection />
          <BalancersSection />
          <NotificationsSection />
          <RootCauseCategoriesSection />
        </>
      ) : (
        <section className={ui.section}>
          <p className="text-sm">
            You are signed in as <strong>{actor.name}</strong> with the <strong>{actor.role}</strong> role. Users, API tokens and balancers are managed by
            admins.
          </p>
        </section>
      )}
    </>
  );
}
