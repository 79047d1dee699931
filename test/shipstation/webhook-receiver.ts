import Fastify, { type FastifyInstance } from 'fastify';

export interface Delivery {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  receivedAt: number;
}

/**
 * A local webhook target on port 0 that records each delivery with its raw body (a signature is over the
 * bytes as sent, so the JSON must not be re-serialised before verifying).
 */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private readonly app: FastifyInstance = Fastify();
  private waiters: { test: (d: Delivery) => boolean; resolve: (d: Delivery) => void }[] = [];
  url = '';

  async start(): Promise<this> {
    this.app.removeAllContentTypeParsers();
    this.app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    this.app.post('/*', async (request, reply) => {
      const delivery: Delivery = {
        path: request.url,
        headers: request.headers,
        rawBody: String(request.body ?? ''),
        receivedAt: Date.now(),
      };
      this.deliveries.push(delivery);
      for (const w of this.waiters.filter((w) => w.test(delivery))) w.resolve(delivery);
      this.waiters = this.waiters.filter((w) => !w.test(delivery));
      return reply.code(200).send({ ok: true });
    });
    this.url = await this.app.listen({ host: '127.0.0.1', port: 0 });
    return this;
  }

  /** Resolves with the first delivery (already received or coming) that passes the test. */
  waitFor(test: (d: Delivery) => boolean, timeoutMs = 15_000): Promise<Delivery> {
    const seen = this.deliveries.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching webhook delivery within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  async stop(): Promise<void> {
    await this.app.close();
  }
}
