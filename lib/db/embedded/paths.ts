import path from "node:path";

/** Where the embedded cluster keeps its files inside Faultline's data dir. */
export function embeddedPaths(dataDir: string) {
  return {
    pgDir: path.join(dataDir, "pg"),
    /** Generated superuser password, mode 0600. */
    passwordFile: path.join(dataDir, "pg-password"),
    /** Host/port/user/database (no secret) for other local processes: worker, CLI, demo seeder. */
    connectionFile: path.join(dataDir, "pg-connection.json"),
    logFile: path.join(dataDir, "pg.log"),
  };
}

export const EMBEDDED_USER = "faultline";
export const EMBEDDED_DATABASE = "faultline";
