"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole, type Role } from "@/lib/auth/roles";

export interface SignedIn {
  name: string;
  role: Role;
}

const ActorContext = createContext<SignedIn | null>(null);

export function ActorProvider({ actor, children }: { actor: SignedIn; children: ReactNode }) {
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>;
}

/** The signed-in user (console pages only). */
export function useActor(): SignedIn {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error("useActor outside the console");
  return actor;
}

/**
 * Whether to show a control that needs `min`. Only cosmetic: every route checks the role again.
 */
export function useCan(min: Role): boolean {
  return hasRole(useActor().role, min);
}
