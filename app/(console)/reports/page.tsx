import type { Metadata } from "next";
import { NotYetBuilt } from "@/components/common/NotYetBuilt";

export const metadata: Metadata = { title: "Reports" };

export default function Page() {
  return <NotYetBuilt title="Reports" what="availability, MTTR/MTBF and SLO reports arrive with the incident-review feature." />;
}
