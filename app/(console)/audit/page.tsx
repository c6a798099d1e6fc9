import type { Metadata } from "next";
import { NotYetBuilt } from "@/components/common/NotYetBuilt";

export const metadata: Metadata = { title: "Audit" };

export default function Page() {
  return <NotYetBuilt title="Audit" what="the audit log of operator actions arrives with sign-in and roles." />;
}
