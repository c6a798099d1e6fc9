import type { Metadata } from "next";
import { NotYetBuilt } from "@/components/common/NotYetBuilt";

export const metadata: Metadata = { title: "Settings" };

export default function Page() {
  return <NotYetBuilt title="Settings" what="balancer connections, users and tokens arrive with sign-in and HAProxy control." />;
}
