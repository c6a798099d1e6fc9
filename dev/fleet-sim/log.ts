/**
 * Where the simulator reports what it does: one event per call with the entity key in `fields`
 * (`instance=checkout-blue-1`); undefined fields are left out. Adapts to pino with `(event, fields) => logger.info(fields, event)`.
 */
export type FleetLogger = (event: string, fields?: Record<string, string | number | boolean | undefined>) => void;

export const silentLogger: FleetLogger = () => {};
