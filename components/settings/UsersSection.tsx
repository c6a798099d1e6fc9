"use client";

import { useState } from "react";
import { useActor } from "@/components/auth/ActorProvider";
import { InlineError } from "@/components/common/InlineError";
import { QueryState } from "@/components/common/QueryState";
import { ReasonDialog } from "@/components/common/ReasonDialog";
import { ui } from "@/components/common/ui";
import type { Role } from "@/lib/auth/roles";
import { useCreateUser, useUpdateUser, useUsersQuery } from "@/lib/queries/use-users";
import type { UserView } from "@/lib/users/view";
import { OneTimeSecret } from "./OneTimeSecret";
import { RoleSelect } from "./RoleSelect";

type Pending = { user: UserView; change: { role?: Role; disabled?: boolean }; title: string };

function CreateUserForm({ onCreated }: { onCreated: (email: string, password: string | null) => void }) {
  const create = useCreateUser();
  return (
    <form
      aria-label="Add a user"
      className="mb-4 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const form = e.currentTarget;
        const password = String(f.get("password") || "") || undefined;
        create.mutate(
          {
            email: String(f.get("email")),
            name: String(f.get("name")),
            role: f.get("role") as Role,
            password,
            mustChangePassword: f.get("mustChangePassword") === "on",
            reason: String(f.get("reason") || "") || undefined,
          },
          {
            onSuccess: (res) => {
              form.reset();
              onCreated(res.user.email, res.temporaryPassword);
            },
          },
        );
      }}
    >
      <input name="email" type="email" required placeholder="email" aria-label="New user email" className={ui.input} />
      <input name="name" required placeholder="name" aria-label="New user name" className={ui.input} />
      <RoleSelect name="role" label="New user role" />
      <input name="password" type="password" minLength={10} placeholder="password (blank: generate)" aria-label="New user password" className={ui.input} />
      <label className="flex items-center gap-1 text-sm">
        <input name="mustChangePassword" type="checkbox" defaultChecked />
        must change it at first sign-in
      </label>
      <input name="reason" placeholder="reason (optional)" aria-label="Reason for adding the user" className={ui.input} />
      <button type="submit" disabled={create.isPending} className={ui.primary}>
        Add user
      </button>
      <InlineError error={create.error} />
    </form>
  );
}

/** Admin: people who can sign in, their roles, and who is disabled. */
export function UsersSection() {
  const users = useUsersQuery(true);
  const me = useActor().name;
  const update = useUpdateUser();
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const items = users.data?.items ?? [];
  return (
    <section aria-labelledby="users-h" className={ui.section}>
      <h2 id="users-h" className="mb-3 text-lg font-semibold">
        Users
      </h2>
      {secret && <OneTimeSecret label={`Temporary password for ${secret.email}`} value={secret.password} onDone={() => setSecret(null)} />}
      <CreateUserForm onCreated={(email, password) => password && setSecret({ email, password })} />
      <QueryState isLoading={users.isLoading} error={users.error} empty={items.length === 0} emptyText="No users.">
        <div className={ui.scroll}>
          <table className={ui.table}>
            <thead className={ui.thead}>
              <tr>
                <th className={ui.th}>Email</th>
                <th className={ui.th}>Name</th>
                <th className={ui.th}>Role</th>
                <th className={ui.th}>Status</th>
                <th className={ui.th}>Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} className={ui.tr} data-testid="user-row" data-email={u.email}>
                  <td className={`${ui.td} font-mono`}>{u.email}</td>
                  <td className={ui.td}>{u.name}</td>
                  <td className={ui.td}>
                    {u.email === me ? (
                      <span title="You cannot change your own role">{u.role} (you)</span>
                    ) : (
                      <RoleSelect
                        label={`Role of ${u.email}`}
                        value={u.role}
                        onChange={(role) => role !== u.role && setPending({ user: u, change: { role }, title: `Make ${u.email} ${role}?` })}
                      />
                    )}
                  </td>
                  <td className={ui.td}>{u.disabled ? "Disabled" : u.mustChangePassword ? "Active · password change pending" : "Active"}</td>
                  <td className={ui.td}>
                    {u.email !== me && (
                      <button
                        type="button"
                        className={u.disabled ? ui.button : ui.danger}
                        onClick={() => setPending({ user: u, change: { disabled: !u.disabled }, title: `${u.disabled ? "Enable" : "Disable"} ${u.email}?` })}
                      >
                        {u.disabled ? "Enable" : "Disable"}
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
        title={pending?.title ?? ""}
        confirmLabel="Apply"
        danger={pending?.change.disabled === true}
        busy={update.isPending}
        error={update.error?.message ?? null}
        onClose={() => {
          setPending(null);
          update.reset();
        }}
        onConfirm={(reason) =>
          pending && update.mutate({ id: pending.user.id, ...pending.change, reason: reason || undefined }, { onSuccess: () => setPending(null) })
        }
      >
        {pending?.change.disabled ? "They are signed out everywhere at once and cannot sign in until enabled again." : null}
      </ReasonDialog>
    </section>
  );
}
