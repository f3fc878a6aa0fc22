/**
 * The parent side of avl-clients.ts: forks it (under tsx) and turns its IPC messages into promises.
 * Shared by avl.ts (field units + consoles) and map-render.ts (field units only).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AvlResult, FromAvlClients, ToAvlClients } from './avl-clients';

export class AvlClients {
  private readonly child: ChildProcess;
  private waiting: { type: FromAvlClients['type']; resolve: (m: FromAvlClients) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./avl-clients.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromAvlClients) => {
      const w = this.waiting;
      if (!w) return;
      if (m.type === 'error') {
        this.waiting = undefined;
        w.reject(new Error(`AVL client process: ${m.message}`));
      } else if (m.type === w.type) {
        this.waiting = undefined;
        w.resolve(m);
      }
    });
    this.child.on('exit', (code) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(new Error(`AVL client process exited (${code})`));
    });
  }

  private request<T extends FromAvlClients['type']>(message: ToAvlClients, answer: T, timeoutMs: number): Promise<Extract<FromAvlClients, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new Error(`AVL client process: no ${answer} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = {
        type: answer,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<FromAvlClients, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.child.send(message);
    });
  }

  setup(message: Extract<ToAvlClients, { type: 'setup' }>): Promise<Extract<FromAvlClients, { type: 'ready' }>> {
    return this.request(message, 'ready', 180_000);
  }

  async start(intervalMs: number): Promise<void> {
    await this.request({ type: 'start', intervalMs }, 'started', 10_000);
  }

  async mark(): Promise<void> {
    await this.request({ type: 'mark' }, 'marked', 10_000);
  }

  async stop(drainMs: number): Promise<AvlResult> {
    return (await this.request({ type: 'stop', drainMs }, 'result', drainMs + 60_000)).result;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close' } satisfies ToAvlClients);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
