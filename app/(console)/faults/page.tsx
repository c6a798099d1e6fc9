import type { Metadata } from "next";
import { FaultsPage } from "@/components/faults/FaultsPage";

export const metadata: Metadata = { title: "Faults" };

export default function Page() {
  return <FaultsPage />;
}
