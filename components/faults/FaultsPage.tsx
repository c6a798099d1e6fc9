"use client";

import { Download, Plus } from "lucide-react";
import { useMemo, useState } from "react";
import { useCan } from "@/components/auth/ActorProvider";
import { PageTitle } from "@/components/common/PageTitle";
import { ui } from "@/components/common/ui";
import { useDebounced } from "@/components/common/use-debounced";
import { faultFilterParams, type FaultFilters } from "@/lib/queries/use-faults";
import { useServicesQuery } from "@/lib/queries/use-services-query";
import { DEFAULT_FAULT_FILTERS, FaultFiltersBar } from "./FaultFiltersBar";
import { FaultsTable } from "./FaultsTable";
import { NewFaultDialog } from "./NewFaultDialog";

function ExportLink({ filters, format }: { filters: FaultFilters; format: "csv" | "json" }) {
  const params = faultFilterParams(filters);
  params.set("format", format);
  return (
    <a href={`/api/v1/faults/export?${params}`} download className={`${ui.button} inline-flex items-center gap-1`}>
      <Download aria-hidden className="size-4" />
      Export {format.toUpperCase()}
    </a>
  );
}

export function FaultsPage() {
  const canOperate = useCan("OPERATOR");
  const services = useServicesQuery().data?.items ?? [];
  const [filters, setFilters] = useState<FaultFilters>(DEFAULT_FAULT_FILTERS);
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const effective = useMemo(() => ({ ...filters, q: q || undefined }), [filters, q]);
  const [recording, setRecording] = useState(false);
  const onlyOpen = filters === DEFAULT_FAULT_FILTERS && !q;
  return (
    <>
      <PageTitle
        title="Faults"
        subtitle="What broke, since when, and why — newest first, live."
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <ExportLink filters={effective} format="csv" />
            <ExportLink filters={effective} format="json" />
            {canOperate && (
              <button type="button" className={`${ui.primary} inline-flex items-center gap-1`} onClick={() => setRecording(true)}>
                <Plus aria-hidden className="size-4" />
                Record a fault
              </button>
            )}
          </div>
        }
      />
      <FaultFiltersBar value={filters} onChange={setFilters} search={search} onSearch={setSearch} services={services} />
      <FaultsTable
        filters={effective}
        emptyText={onlyOpen ? "No open faults: every check passes. Resolved ones are one filter away (tick RESOLVED)." : "No faults match these filters."}
      />
      {canOperate && <NewFaultDialog open={recording} onClose={() => setRecording(false)} services={services} />}
    </>
  );
}
