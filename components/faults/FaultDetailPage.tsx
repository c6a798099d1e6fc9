"use client";

import Link from "next/link";
import { useCan } from "@/components/auth/ActorProvider";
import { PageTitle } from "@/components/common/PageTitle";
import { QueryState } from "@/components/common/QueryState";
import { ui } from "@/components/common/ui";
import type { FaultDetail } from "@/lib/faults/get-fault";
import { useFaultQuery } from "@/lib/queries/use-faults";
import { useFaultNotifications } from "@/lib/queries/use-notifications";
import { EditableText } from "./EditableText";
import { FaultActions } from "./FaultActions";
import { FaultChecks } from "./FaultChecks";
import { FaultFacts } from "./FaultFacts";
import { FaultRows } from "./FaultsTable";
import { PostmortemCard } from "./PostmortemCard";
import { FaultTimeline, NoteBox } from "./FaultTimeline";

const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
const heading = "mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";

function Fault({ fault }: { fault: FaultDetail }) {
  const canOperate = useCan("OPERATOR");
  const notifications = useFaultNotifications(fault.id);
  const instance = fault.instance;
  return (
    <>
      <PageTitle
        title={fault.key}
        subtitle={
          <>
            {fault.type} on {fault.instance ? fault.instance.name : `the whole ${fault.service.name} service`} · source {fault.source.toLowerCase()} ·{" "}
            <Link href="/faults" className="underline-offset-2 hover:underline">
              all faults
            </Link>
          </>
        }
        actions={canOperate ? <FaultActions fault={fault} /> : undefined}
      />
      <FaultFacts fault={fault} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="grid min-w-0 content-start gap-4 *:min-w-0">
          <EditableText faultId={fault.id} field="cause" label="Cause" value={fault.cause} canEdit={canOperate} emptyText="—" />
          <EditableText
            faultId={fault.id}
            field="resolution"
            label="Resolution"
            value={fault.resolution}
            canEdit={canOperate}
            emptyText={
              fault.status === "RESOLVED" ? "—" : "Not resolved yet. Written automatically when the instance recovers, or by the operator who resolves it."
            }
          />
          <PostmortemCard fault={fault} canEdit={canOperate} />
          {instance ? (
            <FaultChecks fault={{ ...fault, instance }} />
          ) : (
            <section aria-labelledby="children-h" className={card}>
              <h2 id="children-h" className={heading}>
                Grouped instance faults ({fault.children.length})
              </h2>
              {fault.children.length > 0 ? (
                <div className={ui.scroll}>
                  <FaultRows faults={fault.children} />
                </div>
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">No instance faults are grouped under this one.</p>
              )}
            </section>
          )}
        </div>
        <section aria-labelledby="timeline-h" className={`${card} min-w-0 self-start`}>
          <h2 id="timeline-h" className={heading}>
            Timeline
          </h2>
          <FaultTimeline events={fault.events} notifications={notifications.data?.items} canResend={canOperate} />
          {canOperate && <NoteBox faultId={fault.id} />}
        </section>
      </div>
    </>
  );
}

/** One fault: facts, cause and resolution, actions, the instance's checks around it, the timeline. */
export function FaultDetailPage({ faultKey }: { faultKey: string }) {
  const q = useFaultQuery(faultKey);
  if (q.data === null) {
    return (
      <>
        <PageTitle title="Fault not found" />
        <QueryState
          isLoading={false}
          error={null}
          empty
          emptyText={
            <>
              There is no fault {faultKey}.{" "}
              <Link href="/faults" className="underline">
                Back to the faults
              </Link>
              .
            </>
          }
        >
          {null}
        </QueryState>
      </>
    );
  }
  return (
    <QueryState isLoading={q.isLoading} error={q.error} empty={false} emptyText="">
      {q.data && <Fault fault={q.data} />}
    </QueryState>
  );
}
