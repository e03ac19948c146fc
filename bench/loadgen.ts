/**
 * The load generator: autocannon (programmatic API) in its own process, so its CPU is not the
 * servers' CPU. The orchestrator sends the pre-signed tokens once, then one job per run.
 * Every request gets the next citizen of the job (round robin), that citizen's token and CPR
 * header, and a fresh x-requestId.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { LoadJob, LoadResult, ParentMessage } from './constants';

type AutocannonRequest = autocannon.Request;

let tokens: Record<string, string> = {};

async function run(job: LoadJob): Promise<LoadResult> {
  const citizens = job.citizens.map((cpr) => {
    const token = tokens[cpr];
    if (!token) throw new Error(`no token for citizen #${job.citizens.indexOf(cpr)}`);
    return { cpr, authorization: `Bearer ${token}` };
  });
  let next = 0;
  const setupRequest = (req: AutocannonRequest): AutocannonRequest => {
    const citizen = citizens[next];
    if (job.bodies) req.body = job.bodies[next];
    next = (next + 1) % citizens.length;
    req.headers = {
      authorization: citizen.authorization,
      'x-civilRegistrationIdentifier': citizen.cpr,
      'x-requestId': randomUUID(),
      ...(job.body || job.bodies ? { 'content-type': 'application/json' } : {}),
    };
    return req;
  };

  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    ...(job.overallRate ? { overallRate: job.overallRate } : {}),
    requests: [{ method: job.method, path: job.path, ...(job.body ? { body: job.body } : {}), setupRequest }],
  });
  const wallMicros = Number(process.hrtime.bigint() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);

  return {
    rps: result.requests.average,
    total: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count])),
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    durationS: result.duration,
    loadgenCpuShare: (cpu.user + cpu.system) / wallMicros,
  };
}

process.on('message', (msg: ParentMessage) => {
  if (msg.type === 'init') {
    tokens = msg.tokens;
    process.send?.({ type: 'ready', port: 0 });
  } else if (msg.type === 'run') {
    run(msg.job).then(
      (result) => process.send?.({ type: 'result', id: msg.id, result }),
      (err: Error) => process.send?.({ type: 'error', id: msg.id, message: err.message }),
    );
  }
});
process.on('disconnect', () => process.exit(0));
