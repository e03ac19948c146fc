import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** One command as Redis executed it: `source` is the client's address, or 'lua' inside a script. */
export interface SeenCommand {
  source: string;
  args: string[];
}

/**
 * Records, through MONITOR, the commands a Redis server executes. `settle()` waits until every
 * command sent before it has been seen: Redis executes commands one at a time and MONITOR
 * reports them in that order, so once a marker sent afterwards shows up, nothing earlier is missing.
 */
export async function monitorRedis(url: string) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  const monitor = await client.monitor();
  const seen: SeenCommand[] = [];
  const markers = new Map<string, () => void>();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (args[0]?.toLowerCase() === 'echo' && markers.has(args[1])) {
      markers.get(args[1])!();
      markers.delete(args[1]);
      return;
    }
    seen.push({ source, args });
  });
  return {
    seen,
    async settle(): Promise<void> {
      const marker = `monitor-marker-${randomUUID()}`;
      const arrived = new Promise<void>((resolve) => markers.set(marker, resolve));
      await client.echo(marker);
      await arrived;
    },
    async stop(): Promise<void> {
      monitor.disconnect();
      await client.quit();
    },
  };
}
