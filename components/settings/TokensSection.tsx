"use client";

import { useState } from "react";
import { InlineError } from "@/components/common/InlineError";
import { QueryState } from "@/components/common/QueryState";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { utc } from "@/components/common/time";
import { ui } from "@/components/common/ui";
import type { Role } from "@/lib/auth/roles";
import { useCreateToken, useRevokeToken, useTokensQuery } from "@/lib/queries/use-tokens";
import type { TokenView } from "@/lib/tokens/view";
import { OneTimeSecret } from "./OneTimeSecret";
import { RoleSelect } from "./RoleSelect";

function CreateTokenForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const create = useCreateToken();
  return (
    <form
      aria-label="Create an API token"
      className="mb-4 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const days = Number(f.get("days") || 0);
        create.mutate(
          {
            name: String(f.get("name")),
            role: f.get("role") as Role,
            expiresInDays: days > 0 ? days : undefined,
            reason: String(f.get("reason") || "") || undefined,
          },
          {
            onSuccess: (res) => {
              form.reset();
              onCreated(res.token.name, res.secret);
            },
          },
        );
      }}
    >
      <input name="name" required pattern="[a-z0-9][a-z0-9._\-]{0,62}" placeholder="name, e.g. deploy-bot" aria-label="Token name" className={ui.input} />
      <RoleSelect name="role" label="Token role" />
      <input
        name="days"
        type="number"
        min={1}
        max={3650}
        placeholder="expires in days (blank: never)"
        aria-label="Expires in days"
        className={`${ui.input} w-56`}
      />
      <input name="reason" placeholder="reason (optional)" aria-label="Reason for the token" className={ui.input} />
      <button type="submit" disabled={create.isPending} className={ui.primary}>
        Create token
      </button>
      <InlineError error={create.error} />
    </form>
  );
}

/** Admin: API tokens for automation (`Authorization: Bearer …`). */
export function TokensSection() {
  const tokens = useTokensQuery(true);
  const revoke = useRevokeToken();
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [pending, setPending] = useState<TokenView | null>(null);
  const items = tokens.data?.items ?? [];
  return (
    <section aria-labelledby="tokens-h" className={ui.section}>
      <h2 id="tokens-h" className="mb-1 text-lg font-semibold">
        API tokens
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Send as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Only a hash is stored; revoked tokens stop working at once.
      </p>
      {secret && <OneTimeSecret label={`Token ${secret.name}`} value={secret.value} onDone={() => setSecret(null)} />}
      <CreateTokenForm onCreated={(name, value) => setSecret({ name, value })} />
      <QueryState isLoading={tokens.isLoading} error={tokens.error} empty={items.length === 0} emptyText="No API tokens yet.">
        <div className={ui.scroll}>
          <table className={ui.table}>
            <thead className={ui.thead}>
              <tr>
                <th className={ui.th}>Name</th>
                <th className={ui.th}>Role</th>
                <th className={ui.th}>Token</th>
                <th className={ui.th}>Created</th>
                <th className={ui.th}>Last used</th>
                <th className={ui.th}>Expires</th>
                <th className={ui.th}>Status</th>
                <th className={ui.th}></th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id} className={`${ui.tr} ${t.active ? "" : "text-slate-400 dark:text-slate-500"}`} data-testid="token-row" data-name={t.name}>
                  <td className={`${ui.td} font-mono`}>{t.name}</td>
                  <td className={ui.td}>{t.role}</td>
                  <td className={`${ui.td} font-mono`}>{t.prefix}…</td>
                  <td className={`${ui.td} whitespace-nowrap`}>
                    {utc(t.createdAt)} <span className="text-slate-500">by {t.createdBy}</span>
                  </td>
                  <td className={`${ui.td} whitespace-nowrap`}>{utc(t.lastUsedAt)}</td>
                  <td className={`${ui.td} whitespace-nowrap`}>{t.expiresAt ? utc(t.expiresAt) : "never"}</td>
                  <td className={ui.td}>{t.revokedAt ? `Revoked by ${t.revokedBy}` : t.active ? "Active" : "Expired"}</td>
                  <td className={ui.td}>
                    {!t.revokedAt && (
                      <button type="button" className={ui.danger} onClick={() => setPending(t)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryState>
      <ReasonDialog
        open={pending !== null}
        title={`Revoke token ${pending?.name ?? ""}?`}
        confirmLabel="Revoke"
        danger
        busy={revoke.isPending}
        error={revoke.error?.message ?? null}
        onClose={() => {
          setPending(null);
          revoke.reset();
        }}
        onConfirm={(reason) => pending && revoke.mutate({ id: pending.id, reason: reason || undefined }, { onSuccess: () => setPending(null) })}
      >
        Requests with this token are refused from now on. This cannot be undone.
      </ReasonDialog>
    </section>
  );
}
