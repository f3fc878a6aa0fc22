import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A load balancer for tests: TCP connections go round-robin to the backends in service. Taking a node out of service
 * sends it no new connections; the ones it holds end when the node closes them (as at a real balancer's drain).
 */
export class TcpBalancer {
  private readonly server: Server;
  private inService: number[] = [];
  private next = 0;
  private readonly open = new Set<Socket>();

  constructor() {
    this.server = createServer((client) => this.route(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (!address || typeof address !== 'object') throw new Error('balancer: no address');
    return `http://127.0.0.1:${address.port}`;
  }

  add(port: number): void {
    this.inService.push(port);
  }

  remove(port: number): void {
    this.inService = this.inService.filter((p) => p !== port);
  }

  private route(client: Socket): void {
    const port = this.inService[this.next++ % Math.max(1, this.inService.length)];
    if (port === undefined) return void client.destroy();
    const backend = createConnection({ host: '127.0.0.1', port });
    for (const s of [client, backend]) {
      this.open.add(s);
      s.on('close', () => this.open.delete(s));
    }
    client.pipe(backend).on('error', () => client.destroy());
    backend.pipe(client).on('error', () => backend.destroy());
    client.on('error', () => backend.destroy());
    backend.on('error', () => client.destroy());
    client.on('close', () => backend.destroy());
    backend.on('close', () => client.destroy());
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
