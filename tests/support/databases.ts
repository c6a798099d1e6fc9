import crypto from "node:crypto";
import { createPrisma, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { withClient } from "@/lib/db/with-client";

export interface TestDatabase {
  url: string;
  prisma: Db;
  drop(): Promise<void>;
}

export { withClient };

/** A fresh, migrated database on a running cluster, for one test file. */
export async function freshDatabase(adminUrl: string, label: string): Promise<TestDatabase> {
  const name = `t_${label.replace(/\W/g, "_").toLowerCase()}_${crypto.randomBytes(3).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url);
  const prisma = createPrisma(url, 4);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}
