import type { Metadata } from "next";
import { NotYetBuilt } from "@/components/common/NotYetBuilt";

export const metadata: Metadata = { title: "Faults" };

export default function Page() {
  return <NotYetBuilt title="Faults" what="fault records (type, cause, timeline) arrive with health polling and fault detection." />;
}
