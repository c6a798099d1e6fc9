import type { Metadata } from "next";
import { connection } from "next/server";
import { ReportsPage } from "@/components/reports/ReportsPage";

export const metadata: Metadata = { title: "Reports" };

/** The request's time: the default range ends now (a request-time render, never a prerender). */
async function requestNow(): Promise<number> {
  await connection();
  return Date.now();
}

export default async function Page() {
  return <ReportsPage now={await requestNow()} />;
}
