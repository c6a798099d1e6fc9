/**
 * A tiny inline-SVG line of p50 latency per minute (oldest first). Minutes without checks (null)
 * break the line instead of being drawn as zero. Inline SVG rather than a chart library: a table
 * has one per instance, refreshed every 2 s.
 */
export function Sparkline({ values, width = 88, height = 22 }: { values: Array<number | null>; width?: number; height?: number }) {
  const known = values.filter((v): v is number => v !== null);
  const last = [...values].reverse().find((v) => v !== null) ?? null;
  if (known.length === 0)
    return (
      <span className="text-xs text-slate-500" title="No finished minute of checks in the last 30 minutes">
        no data yet
      </span>
    );
  const max = Math.max(...known, 1);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - 2 - (v / max) * (height - 4);
  // One polyline per run of known values.
  const runs: string[][] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(`${(i * step).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (run.length) runs.push(run);
  return (
    <span className="inline-flex items-center gap-1.5">
      <svg
        role="img"
        aria-label={`p50 latency per minute, last ${values.length} min, up to ${max} ms`}
        width={width}
        height={height}
        className="overflow-visible"
      >
        <title>{`p50 per minute, last ${values.length} min (max ${max} ms)`}</title>
        {runs.map((r, i) =>
          r.length === 1 ? (
            <circle key={i} cx={r[0]!.split(",")[0]} cy={r[0]!.split(",")[1]} r="1.5" fill="var(--chart-p50)" />
          ) : (
            <polyline key={i} points={r.join(" ")} fill="none" stroke="var(--chart-p50)" strokeWidth="1.5" strokeLinejoin="round" />
          ),
        )}
      </svg>
      <span className="w-12 text-right text-xs tabular-nums">{last === null ? "—" : `${last} ms`}</span>
    </span>
  );
}
