"use client";

import { useState } from "react";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { DeliveryStatusBadge } from "@/components/status/DeliveryStatusBadge";
import type { FaultEventView } from "@/lib/faults/view";
import type { DeliveryView } from "@/lib/notifications/deliveries";
import { ResendButton } from "@/components/status/ResendButton";
import { useUpdateFault } from "@/lib/queries/use-faults";

const KIND_LOOK: Record<string, string> = {
  OPENED: "text-red-700 dark:text-red-400",
  REOPENED: "text-red-700 dark:text-red-400",
  FLAP: "text-violet-700 dark:text-violet-400",
  ACKNOWLEDGED: "text-amber-700 dark:text-amber-400",
  RESOLVED: "text-emerald-700 dark:text-emerald-400",
};

/** The text an edit replaced (`data.previous` of CAUSE_EDITED / RESOLUTION_EDITED events). */
function previousText(e: FaultEventView): string | null | undefined {
  if (e.kind !== "CAUSE_EDITED" && e.kind !== "RESOLUTION_EDITED") return undefined;
  const data = e.data as { previous?: unknown } | null;
  return typeof data?.previous === "string" ? data.previous : null;
}

type Entry = { at: string; event?: FaultEventView; delivery?: DeliveryView };

/**
 * What happened to a fault, oldest first: detection, flaps, people's actions, notes — and the
 * notifications it caused (sent, held back and why, or given up on), where they happened.
 */
export function FaultTimeline({
  events,
  notifications = [],
  canResend = false,
}: {
  events: FaultEventView[];
  notifications?: DeliveryView[];
  canResend?: boolean;
}) {
  const entries: Entry[] = [...events.map((e) => ({ at: e.at, event: e })), ...notifications.map((d) => ({ at: d.queuedAt, delivery: d }))].sort((a, b) =>
    a.at.localeCompare(b.at),
  );
  return (
    <ol aria-label="Timeline" className="grid gap-3">
      {entries.map((x) =>
        x.event ? <EventEntry key={`e${x.event.id}`} e={x.event} /> : <DeliveryEntry key={`d${x.delivery!.id}`} d={x.delivery!} canResend={canResend} />,
      )}
    </ol>
  );
}

function EventEntry({ e }: { e: FaultEventView }) {
  const previous = previousText(e);
  return (
    <li data-testid="timeline-event" data-kind={e.kind} className="border-l-2 border-slate-300 pl-3 dark:border-slate-700">
      <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
        <time dateTime={e.at} className="font-mono text-slate-600 dark:text-slate-400">
          {utc(e.at)}
        </time>
        <span className={`font-semibold ${KIND_LOOK[e.kind] ?? "text-slate-700 dark:text-slate-300"}`}>{e.kind.replace(/_/g, " ")}</span>
        <span className="font-mono text-slate-600 dark:text-slate-400">{e.actor}</span>
      </div>
      <p className="mt-0.5 whitespace-pre-wrap break-words text-sm">{e.message}</p>
      {previous !== undefined && (
        <p className="mt-1 whitespace-pre-wrap break-words text-xs text-slate-600 dark:text-slate-400">
          <span className="font-semibold">Previously:</span> {previous ?? "(empty)"}
        </p>
      )}
    </li>
  );
}

function DeliveryEntry({ d, canResend }: { d: DeliveryView; canResend: boolean }) {
  const detail =
    d.status === "DELIVERED"
      ? `delivered ${d.deliveredAt ? utc(d.deliveredAt) : ""} after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}${d.lastStatusCode ? ` (HTTP ${d.lastStatusCode})` : ""}`
      : (d.note ?? d.lastError ?? (d.status === "PENDING" && d.nextAttemptAt ? `next attempt ${utc(d.nextAttemptAt)}` : ""));
  return (
    <li data-testid="timeline-notification" data-status={d.status} className="border-l-2 border-dashed border-sky-400 pl-3">
      <div className="flex flex-wrap items-baseline gap-x-2 text-xs">
        <time dateTime={d.queuedAt} className="font-mono text-slate-600 dark:text-slate-400">
          {utc(d.queuedAt)}
        </time>
        <span className="font-semibold text-sky-800 dark:text-sky-300">NOTIFICATION</span>
        <span>
          {d.event.replace(/_/g, " ").toLowerCase()} → {d.channel.name} ({d.channel.kind.toLowerCase()})
        </span>
        <DeliveryStatusBadge status={d.status} />
      </div>
      <p className="mt-0.5 break-words text-sm">
        {detail}
        {d.status === "DEAD" && d.lastError && d.note ? ` — ${d.lastError}` : ""}
      </p>
      {canResend && <ResendButton id={d.id} status={d.status} className="mt-1" />}
    </li>
  );
}

/** Operators: add a note to the timeline (no field changes). */
export function NoteBox({ faultId }: { faultId: string }) {
  const update = useUpdateFault();
  const [note, setNote] = useState("");
  return (
    <form
      className="mt-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim()) update.mutate({ id: faultId, note: note.trim() }, { onSuccess: () => setNote("") });
      }}
    >
      <label className={ui.label}>
        Add a note
        <textarea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={4000}
          rows={2}
          placeholder="What you checked, who you called, what you will try next"
          className={`${ui.input} mt-1 block w-full`}
        />
      </label>
      {update.error && (
        <p role="alert" className={`${ui.error} mt-1`}>
          {update.error.message}
        </p>
      )}
      <button type="submit" className={`${ui.button} mt-2`} disabled={update.isPending || note.trim() === ""}>
        {update.isPending ? "Adding…" : "Add note"}
      </button>
    </form>
  );
}
