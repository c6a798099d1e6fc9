import type { Metadata } from "next";
import { FaultDetailPage } from "@/components/faults/FaultDetailPage";

export async function generateMetadata({ params }: PageProps<"/faults/[key]">): Promise<Metadata> {
  return { title: (await params).key };
}

export default async function Page({ params }: PageProps<"/faults/[key]">) {
  return <FaultDetailPage faultKey={(await params).key} />;
}
