import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Logger } from '../observability/logger.js';

export interface ListenerSpec {
  host: string;
  port: number;
}

/** A route group: registered on the public listener, the admin (dashboard) listener, or both. */
export interface RouteGroup {
  name: string;
  /** `public`: webhooks, /healthz, /metrics. `admin`: the dashboard (moved to ADMIN_HOST:ADMIN_PORT when set). */
  listener: 'public' | 'admin';
  register(app: FastifyInstance): Promise<void> | void;
}

export interface HttpServers {
  publicUrl: string;
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * The service's HTTP side: one fastify server on HOST:PORT for everything, or two when ADMIN_PORT is
 * set (webhooks can face the internet while the dashboard stays private). Logging goes through the
 * service logger with headers redacted; request bodies are never logged.
 */
export async function startHttpServers(options: {
  public: ListenerSpec;
  admin?: ListenerSpec | undefined;
  groups: readonly RouteGroup[];
  logger: Logger;
  /**
   * Whose X-Forwarded-For is believed (TRUST_PROXY). Off by default: trusting any peer lets anyone pick
   * the address the sign-in throttle and the logs see.
   */
  trustProxy?: boolean | number | string[];
}): Promise<HttpServers> {
  const make = (): FastifyInstance =>
    Fastify({
      loggerInstance: options.logger.child({ component: 'http' }),
      // Request start/end lines would log every webhook and scrape; errors are still logged.
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: 1024 * 1024,
      // fastify takes a hop count at run time though its types omit it.
      trustProxy: (options.trustProxy ?? false) as boolean | string[],
    }) as unknown as FastifyInstance;
  const pub = make();
  const admin = options.admin ? make() : pub;
  for (const g of options.groups) {
    await (g.listener === 'public' ? pub : admin).register(async (scope) => {
      await g.register(scope);
    });
  }
  await pub.listen({ host: options.public.host, port: options.public.port });
  if (admin !== pub && options.admin) await admin.listen({ host: options.admin.host, port: options.admin.port });
  const url = (f: FastifyInstance) => {
    const a = f.server.address();
    if (!a || typeof a === 'string') return String(a);
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  };
  return {
    publicUrl: url(pub),
    adminUrl: url(admin),
    async stop() {
      await pub.close();
      if (admin !== pub) await admin.close();
    },
  };
}
