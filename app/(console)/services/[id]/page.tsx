import type { Metadata } from "next";
import { ServiceDetailPage } from "@/components/services/detail/ServiceDetailPage";

export const metadata: Metadata = { title: "Service" };

export default async function Page({ params }: PageProps<"/services/[id]">) {
  return <ServiceDetailPage serviceId={(await params).id} />;
}
