import { ROLES, type Role } from "@/lib/auth/roles";
import { ui } from "@/components/common/ui";

export function RoleSelect({ name, value, onChange, label }: { name?: string; value?: Role; onChange?: (r: Role) => void; label: string }) {
  return (
    <select
      aria-label={label}
      name={name}
      value={value}
      defaultValue={value === undefined ? "VIEWER" : undefined}
      onChange={onChange ? (e) => onChange(e.target.value as Role) : undefined}
      className={ui.input}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}
