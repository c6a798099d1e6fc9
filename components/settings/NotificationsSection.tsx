"use client";

import { useState } from "react";
import { InlineError } from "@/components/common/InlineError";
import { QueryState } from "@/components/common/QueryState";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import { useServicesQuery } from "@/lib/queries/use-services-query";
import {
  useChannels,
  useCreateChannel,
  useCreateRoute,
  useDeleteChannel,
  useDeleteRoute,
  useDeliveries,
  useRoutes,
  useTestChannel,
  useToggleChannel,
  type NewChannel,
} from "@/lib/queries/use-notifications";
import { CHANNEL_KINDS, ROUTE_EVENTS, type ChannelKind } from "@/lib/status/notify-vocabulary";
import { DeliveryStatusBadge } from "@/components/status/DeliveryStatusBadge";
import { ResendButton } from "@/components/status/ResendButton";

const KIND_LABEL: Record<ChannelKind, string> = {
  WEBHOOK: "Webhook (signed JSON)",
  SLACK: "Slack incoming webhook",
  EMAIL: "E-mail (SMTP)",
  PAGERDUTY: "PagerDuty Events v2",
};
const DEFAULT_EVENTS = [
  "FAULT_OPENED",
  "FAULT_ACKNOWLEDGED",
  "FAULT_RESOLVED",
  "FAULT_REOPENED",
  "FAULT_FLAPPING",
  "FAILOVER_FAILED",
  "FAILOVER_ROLLED_BACK",
  "BALANCER_UNREACHABLE",
];

/** Settings → Notifications (admin): channels with Send test, routes with escalation, the delivery log. */
export function NotificationsSection() {
  return (
    <section id="notifications" aria-labelledby="notify-h" className={ui.section}>
      <h2 id="notify-h" className="mb-1 text-lg font-semibold">
        Notifications
      </h2>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Channels say where messages go; routes say which events go to which channel. Instance faults grouped under a service fault are sent as one message, a
        flapping fault once, and over a channel&apos;s rate the rest folds into a digest.
      </p>
      <Channels />
      <Routes />
      <Deliveries />
    </section>
  );
}

function field(f: FormData, name: string): string {
  return String(f.get(name) ?? "").trim();
}

/** The create-channel body for the chosen kind (the server validates it; it names a wrong field). */
function channelInput(kind: ChannelKind, f: FormData): NewChannel {
  const name = field(f, "name");
  switch (kind) {
    case "WEBHOOK":
      return { kind, name, secrets: { url: field(f, "url"), signingSecret: field(f, "signingSecret") } };
    case "SLACK":
      return { kind, name, secrets: { url: field(f, "url") } };
    case "PAGERDUTY":
      return { kind, name, secrets: { routingKey: field(f, "routingKey") }, settings: field(f, "apiUrl") ? { apiUrl: field(f, "apiUrl") } : {} };
    case "EMAIL":
      return {
        kind,
        name,
        settings: {
          host: field(f, "host"),
          port: Number(field(f, "port") || 587),
          security: field(f, "security") || "STARTTLS",
          ...(field(f, "username") ? { username: field(f, "username") } : {}),
          from: field(f, "from"),
          to: field(f, "to")
            .split(/[,\s]+/)
            .filter(Boolean),
          allowSelfSigned: f.get("allowSelfSigned") === "on",
        },
        secrets: field(f, "password") ? { password: field(f, "password") } : {},
      };
  }
}

function Channels() {
  const q = useChannels();
  const create = useCreateChannel();
  const test = useTestChannel();
  const toggle = useToggleChannel();
  const remove = useDeleteChannel();
  const [kind, setKind] = useState<ChannelKind>("WEBHOOK");
  const [tested, setTested] = useState<Record<string, string>>({});
  return (
    <div className="mb-6">
      <h3 className="mb-2 font-semibold">Channels</h3>
      <form
        aria-label="Add a channel"
        className="mb-3 grid gap-2 sm:grid-cols-[repeat(auto-fill,minmax(14rem,1fr))]"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          create.mutate(channelInput(kind, new FormData(form)), { onSuccess: () => form.reset() });
        }}
      >
        <label className={ui.label}>
          Kind
          <select aria-label="Channel kind" className={`${ui.input} mt-1 block w-full`} value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </label>
        <Input name="name" label="Name" placeholder="oncall-slack" required />
        {(kind === "WEBHOOK" || kind === "SLACK") && (
          <Input name="url" label="URL (kept secret)" placeholder="https://hooks.slack.com/services/…" required type="url" />
        )}
        {kind === "WEBHOOK" && <Input name="signingSecret" label="Signing secret (16+ characters)" required minLength={16} type="password" />}
        {kind === "PAGERDUTY" && (
          <>
            <Input name="routingKey" label="Routing key (kept secret)" required type="password" />
            <Input name="apiUrl" label="Events API URL (optional)" placeholder="https://events.pagerduty.com/v2/enqueue" type="url" />
          </>
        )}
        {kind === "EMAIL" && (
          <>
            <Input name="host" label="SMTP host" required />
            <Input name="port" label="Port" placeholder="587" type="number" />
            <label className={ui.label}>
              Security
              <select name="security" aria-label="SMTP security" className={`${ui.input} mt-1 block w-full`} defaultValue="STARTTLS">
                <option value="STARTTLS">STARTTLS (587)</option>
                <option value="TLS">TLS (465)</option>
                <option value="NONE">None (local relay)</option>
              </select>
            </label>
            <Input name="username" label="Username (optional)" />
            <Input name="password" label="Password (kept secret)" type="password" />
            <Input name="from" label="From" type="email" required />
            <Input name="to" label="To (comma-separated)" required />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="allowSelfSigned" /> Accept a self-signed certificate
            </label>
          </>
        )}
        <div className="flex items-end">
          <button type="submit" className={ui.primary} disabled={create.isPending}>
            Add channel
          </button>
        </div>
      </form>
      <InlineError error={create.error ?? toggle.error ?? remove.error ?? test.error} />
      <QueryState isLoading={q.isLoading} error={q.error} empty={(q.data?.items.length ?? 0) === 0} emptyText="No channels yet: nobody is notified of a fault.">
        <div className={ui.scroll}>
          <table className={ui.table} aria-label="Channels">
            <thead className={ui.thead}>
              <tr>
                <th className={ui.th}>Name</th>
                <th className={ui.th}>Kind</th>
                <th className={ui.th}>Secrets</th>
                <th className={ui.th}>Rate / min</th>
                <th className={ui.th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {q.data?.items.map((c) => (
                <tr key={c.id} className={ui.tr}>
                  <td className={`${ui.td} font-medium`}>
                    {c.name} {!c.enabled && <span className="text-xs text-slate-500">(disabled)</span>}
                  </td>
                  <td className={ui.td}>{c.kind}</td>
                  <td className={`${ui.td} font-mono text-xs`}>
                    {c.secretsError ? (
                      <span className="text-red-700 dark:text-red-400">{c.secretsError}</span>
                    ) : (
                      Object.entries(c.secrets)
                        .map(([k, v]) => `${k}: ${v ?? "—"}`)
                        .join(" · ")
                    )}
                  </td>
                  <td className={ui.td}>{c.ratePerMinute}</td>
                  <td className={`${ui.td} whitespace-nowrap`}>
                    <div className="flex flex-wrap items-center gap-2">
                      <button
                        type="button"
                        className={ui.button}
                        disabled={test.isPending}
                        onClick={() =>
                          test.mutate(
                            { id: c.id },
                            {
                              onSuccess: (d) =>
                                setTested((t) => ({ ...t, [c.id]: d.status === "DELIVERED" ? "delivered" : `failed: ${d.lastError ?? d.status}` })),
                            },
                          )
                        }
                      >
                        Send test
                      </button>
                      <button type="button" className={ui.button} onClick={() => toggle.mutate({ id: c.id, enabled: !c.enabled })}>
                        {c.enabled ? "Disable" : "Enable"}
                      </button>
                      <button
                        type="button"
                        className={ui.danger}
                        onClick={() => window.confirm(`Delete channel ${c.name}, its routes and its delivery log?`) && remove.mutate({ id: c.id })}
                      >
                        Delete
                      </button>
                      {tested[c.id] && (
                        <span role="status" className="text-xs">
                          Test {tested[c.id]}
                        </span>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
    </div>
  );
}

function Input(p: { name: string; label: string; placeholder?: string; required?: boolean; type?: string; minLength?: number }) {
  return (
    <label className={ui.label}>
      {p.label}
      <input
        name={p.name}
        aria-label={p.label}
        placeholder={p.placeholder}
        required={p.required}
        type={p.type ?? "text"}
        minLength={p.minLength}
        className={`${ui.input} mt-1 block w-full`}
      />
    </label>
  );
}

const minutes = (v: string) => (v.trim() === "" ? null : Math.max(1, Math.round(Number(v) * 60)));

function Routes() {
  const q = useRoutes();
  const channels = useChannels();
  const services = useServicesQuery();
  const create = useCreateRoute();
  const remove = useDeleteRoute();
  return (
    <div className="mb-6">
      <h3 className="mb-2 font-semibold">Routes</h3>
      <form
        aria-label="Add a route"
        className="mb-3 grid gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          create.mutate(
            {
              name: field(f, "name"),
              channelId: field(f, "channelId"),
              serviceId: field(f, "serviceId") || null,
              minSeverity: field(f, "minSeverity"),
              events: f.getAll("events").map(String),
              escalateAfterSeconds: minutes(field(f, "escalateAfter")),
              repeatEverySeconds: minutes(field(f, "repeatEvery")),
            },
            { onSuccess: () => form.reset() },
          );
        }}
      >
        <div className="grid gap-2 sm:grid-cols-[repeat(auto-fill,minmax(12rem,1fr))]">
          <Input name="name" label="Route name" placeholder="sev1-to-oncall" required />
          <label className={ui.label}>
            Channel
            <select name="channelId" aria-label="Route channel" required className={`${ui.input} mt-1 block w-full`}>
              {channels.data?.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className={ui.label}>
            Service
            <select name="serviceId" aria-label="Route service" className={`${ui.input} mt-1 block w-full`}>
              <option value="">All services</option>
              {services.data?.items.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className={ui.label}>
            Severity at least
            <select name="minSeverity" aria-label="Minimum severity" defaultValue="SEV4" className={`${ui.input} mt-1 block w-full`}>
              {["SEV1", "SEV2", "SEV3", "SEV4"].map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <Input name="escalateAfter" label="Escalate after (min, optional)" type="number" />
          <Input name="repeatEvery" label="Repeat every (min, optional)" type="number" />
        </div>
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <legend className={ui.label}>Events</legend>
          {ROUTE_EVENTS.map((ev) => (
            <label key={ev} className="flex items-center gap-1">
              <input type="checkbox" name="events" value={ev} defaultChecked={DEFAULT_EVENTS.includes(ev)} /> {ev.replace(/_/g, " ").toLowerCase()}
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className={ui.primary} disabled={create.isPending || (channels.data?.items.length ?? 0) === 0}>
            Add route
          </button>
        </div>
      </form>
      <InlineError error={create.error ?? remove.error} />
      <QueryState isLoading={q.isLoading} error={q.error} empty={(q.data?.items.length ?? 0) === 0} emptyText="No routes: channels receive only tests.">
        <div className={ui.scroll}>
          <table className={ui.table} aria-label="Routes">
            <thead className={ui.thead}>
              <tr>
                <th className={ui.th}>Route</th>
                <th className={ui.th}>Channel</th>
                <th className={ui.th}>Service</th>
                <th className={ui.th}>Severity ≥</th>
                <th className={ui.th}>Events</th>
                <th className={ui.th}>Escalation</th>
                <th className={ui.th} />
              </tr>
            </thead>
            <tbody>
              {q.data?.items.map((r) => (
                <tr key={r.id} className={ui.tr}>
                  <td className={`${ui.td} font-medium`}>{r.name}</td>
                  <td className={ui.td}>{r.channel.name}</td>
                  <td className={ui.td}>{r.service?.name ?? "all"}</td>
                  <td className={ui.td}>{r.minSeverity}</td>
                  <td className={`${ui.td} text-xs`}>{r.events.map((e) => e.replace(/_/g, " ").toLowerCase()).join(", ")}</td>
                  <td className={`${ui.td} text-xs`}>
                    {r.escalateAfterSeconds === null
                      ? "—"
                      : `after ${r.escalateAfterSeconds / 60} min${r.repeatEverySeconds ? `, every ${r.repeatEverySeconds / 60} min` : ""} → ${r.escalateChannel?.name ?? r.channel.name}`}
                  </td>
                  <td className={ui.td}>
                    <button type="button" className={ui.danger} onClick={() => remove.mutate({ id: r.id })}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
    </div>
  );
}

function Deliveries() {
  const q = useDeliveries();
  return (
    <div>
      <h3 className="mb-2 font-semibold">Recent deliveries</h3>
      <QueryState isLoading={q.isLoading} error={q.error} empty={(q.data?.items.length ?? 0) === 0} emptyText="Nothing sent yet.">
        <div className={ui.scroll}>
          <table className={ui.table} aria-label="Deliveries">
            <thead className={ui.thead}>
              <tr>
                <th className={ui.th}>Queued</th>
                <th className={ui.th}>Event</th>
                <th className={ui.th}>Channel</th>
                <th className={ui.th}>Status</th>
                <th className={ui.th}>Attempts</th>
                <th className={ui.th}>Detail</th>
                <th className={ui.th} />
              </tr>
            </thead>
            <tbody>
              {q.data?.items.map((d) => (
                <tr key={d.id} className={ui.tr} data-testid="delivery-row">
                  <td className={`${ui.td} font-mono text-xs`}>{utc(d.queuedAt)}</td>
                  <td className={ui.td}>{d.event}</td>
                  <td className={ui.td}>{d.channel.name}</td>
                  <td className={ui.td}>
                    <DeliveryStatusBadge status={d.status} />
                  </td>
                  <td className={ui.td}>{d.attempts}</td>
                  <td className={`${ui.td} text-xs`}>{d.lastError ?? d.note ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "")}</td>
                  <td className={ui.td}>
                    <ResendButton id={d.id} status={d.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
    </div>
  );
}
