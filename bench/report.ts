/**
 * Turns the measured runs into the printed report: per scenario and server the medians over the
 * rounds, the ratio table, and the targets with PASS/FAIL.
 */
import type { LoadResult, ServerName } from './constants';

export interface Run {
  round: number;
  scenario: string;
  server: ServerName;
  load: LoadResult;
  /** Server CPU time (user + system) during the run, microseconds. */
  serverCpuMicros: number;
  /** Peak resident set size of the server process during the run, bytes. */
  peakRss: number;
}

export interface ServerSummary {
  server: ServerName;
  rounds: number[];
  rps: number;
  p50: number;
  p99: number;
  cpuMicrosPerRequest: number;
  cpuCores: number;
  peakRssMb: number;
  loadgenCpuShare: number;
}

export interface Target {
  measure: string;
  target: string;
  measured: number | undefined;
  pass: boolean | undefined;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(runs: Run[], scenario: string, servers: ServerName[]): ServerSummary[] {
  return servers.flatMap((server) => {
    const mine = runs.filter((r) => r.scenario === scenario && r.server === server);
    if (mine.length === 0) return [];
    return [
      {
        server,
        rounds: mine.map((r) => r.load.rps),
        rps: median(mine.map((r) => r.load.rps)),
        p50: median(mine.map((r) => r.load.latency.p50)),
        p99: median(mine.map((r) => r.load.latency.p99)),
        cpuMicrosPerRequest: median(mine.map((r) => r.serverCpuMicros / Math.max(r.load.total, 1))),
        cpuCores: median(mine.map((r) => r.serverCpuMicros / 1e6 / r.load.durationS)),
        peakRssMb: Math.max(...mine.map((r) => r.peakRss)) / 2 ** 20,
        loadgenCpuShare: Math.max(...mine.map((r) => r.load.loadgenCpuShare)),
      },
    ];
  });
}

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(header: string[], rows: string[][], alignLeft = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function scenarioTable(summaries: ServerSummary[]): string {
  const bare = summaries.find((s) => s.server === 'bare');
  const rows = summaries.map((s) => [
    s.server,
    fmt(s.rps),
    s.rounds.map((r) => fmt(r)).join(' / '),
    fmt(s.p50, 1),
    fmt(s.p99, 1),
    fmt(s.cpuMicrosPerRequest),
    fmt(s.cpuCores, 2),
    fmt(s.peakRssMb),
    bare ? fmt(s.rps / bare.rps, 2) : 'n/a',
    bare ? fmt(s.cpuMicrosPerRequest / bare.cpuMicrosPerRequest, 2) : 'n/a',
  ]);
  return table(['server', 'req/s', 'rounds (req/s)', 'p50 ms', 'p99 ms', 'CPU µs/req', 'CPU cores', 'peak RSS MB', 'req/s ÷ bare', 'CPU/req ÷ bare'], rows);
}

export interface ScenarioSummary {
  name: string;
  title: string;
  kind: 'read' | 'write';
  servers: ServerSummary[];
  halfRate?: { rate: number; load: LoadResult };
  /** bare at the service's half rate: the floor for the p99 on this machine. */
  halfRateBare?: LoadResult;
  /** No baseline and no targets (GetCVAsPdf). */
  reportOnly?: boolean;
}

const ratio = (s: ScenarioSummary, a: ServerName, b: ServerName, of: (x: ServerSummary) => number = (x) => x.rps) => {
  const x = s.servers.find((v) => v.server === a);
  const y = s.servers.find((v) => v.server === b);
  return x && y ? of(x) / of(y) : undefined;
};

/** The table: one row per operation. */
export function ratioTable(scenarios: ScenarioSummary[]): string {
  const rows = scenarios.map((s) => [
    s.title,
    fmt(ratio(s, 'service', 'bare'), 2),
    fmt(ratio(s, 'service', 'express'), 2),
    fmt(ratio(s, 'service', 'bare-merging'), 2),
    `${fmt(ratio(s, 'service', 'bare', (x) => x.cpuMicrosPerRequest), 1)}×`,
  ]);
  return table(['operation', 'service ÷ bare', 'service ÷ Express', 'service ÷ bare-merging', 'service CPU/req ÷ bare'], rows);
}

export function targets(scenarios: ScenarioSummary[], rssLimitMb = 200, p99LimitMs = 20): Target[] {
  const at = (measured: number | undefined, min: number) => (measured === undefined || Number.isNaN(measured) ? undefined : measured >= min);
  const list: Target[] = [];
  for (const s of scenarios) {
    if (s.kind === 'write') {
      const m = ratio(s, 'service', 'bare');
      list.push({ measure: `write throughput, service ÷ bare (${s.title})`, target: '≥ 0.75', measured: m, pass: at(m, 0.75) });
    } else {
      const m = ratio(s, 'service', 'bare');
      list.push({ measure: `read throughput, service ÷ bare (${s.title})`, target: '≥ 0.9', measured: m, pass: at(m, 0.9) });
    }
  }
  for (const s of scenarios) {
    const m = ratio(s, 'service', 'express');
    list.push({ measure: `${s.kind} throughput, service ÷ Express 5 peer (${s.title})`, target: '≥ 1.3', measured: m, pass: at(m, 1.3) });
  }
  for (const s of scenarios.filter((x) => x.kind === 'read')) {
    const m = ratio(s, 'service', 'bare-merging');
    list.push({ measure: `read throughput, service ÷ bare-merging, the limit (${s.title})`, target: '≥ 0.5', measured: m, pass: at(m, 0.5) });
  }
  for (const s of scenarios) {
    const m = s.halfRate?.load.latency.p99;
    list.push({
      measure:
        `service p99 at half its max rate, ${s.halfRate ? fmt(s.halfRate.rate) : '?'} req/s (${s.title})` +
        (s.halfRateBare ? `; bare at that rate: ${s.halfRateBare.latency.p99} ms` : ''),
      target: `≤ ${p99LimitMs} ms`,
      measured: m,
      pass: m === undefined ? undefined : m <= p99LimitMs,
    });
  }
  const rss = scenarios.flatMap((s) => s.servers.filter((v) => v.server === 'service').map((v) => v.peakRssMb));
  const peak = rss.length > 0 ? Math.max(...rss) : undefined;
  list.push({ measure: 'service RSS under load (peak over all runs)', target: `≤ ${rssLimitMb} MB`, measured: peak, pass: peak === undefined ? undefined : peak <= rssLimitMb });
  return list;
}

export function targetTable(list: Target[]): string {
  const rows = list.map((t) => [
    t.measure,
    t.target,
    t.measure.includes('p99') ? `${fmt(t.measured, 1)} ms` : t.measure.includes('RSS') ? `${fmt(t.measured)} MB` : fmt(t.measured, 3),
    t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'FAIL',
  ]);
  return table(['measure', 'target', 'measured', 'result'], rows);
}
