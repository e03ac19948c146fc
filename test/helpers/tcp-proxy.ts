import net from 'node:net';

/**
 * A TCP proxy between the app and a dependency (PostgreSQL) that a test can break on purpose:
 * `freeze()` stops forwarding bytes in both directions (a hung server or network), `refuse()`
 * closes the listening port (connection refused) and `resetAll()` drops every open connection (the
 * server closed it). `heal()` undoes freeze.
 */
export class TcpProxy {
  private server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private frozen = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = this.createServer();
  }

  private createServer() {
    return net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => client.write(chunk));
      if (this.frozen) for (const s of [client, upstream]) s.pause();
    });
  }

  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get listening(): boolean {
    return this.server.listening;
  }

  /** postgresql:// URL like `url`, but through the proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /** Stops reading from either side (bytes wait in the kernel buffers); new connections hang too. */
  freeze() {
    this.frozen = true;
    for (const s of this.sockets) s.pause();
  }

  heal() {
    this.frozen = false;
    for (const s of this.sockets) s.resume();
  }

  resetAll() {
    for (const s of this.sockets) s.destroy();
  }

  /** Stops listening and drops every connection: new connections are refused. */
  async refuse(): Promise<void> {
    this.resetAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port after refuse(). */
  async reopen(): Promise<void> {
    this.server = this.createServer();
    await this.start(this.port);
  }

  async stop(): Promise<void> {
    this.resetAll();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
