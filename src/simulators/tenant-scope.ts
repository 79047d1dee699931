import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * "The current tenant" of a multi-tenant simulator (a Sage company, a ShipStation account): the request being
 * served names it, and code that was written for one tenant reads its state through `current()` without being
 * told. A request of the default tenant opens no scope, so a one-tenant simulator never turns AsyncLocalStorage
 * on (its promise hooks would slow down every promise of the process the simulator runs in: tests run the
 * connector beside it).
 */
export class TenantScope<T> {
  private readonly storage = new AsyncLocalStorage<T>();

  constructor(readonly fallback: T) {}

  current(): T {
    return this.storage.getStore() ?? this.fallback;
  }

  /** Runs `fn` (and everything it awaits or schedules) with `tenant` as the current tenant. */
  run<R>(tenant: T, fn: () => R): R {
    if (tenant === this.fallback && this.storage.getStore() === undefined) return fn();
    return this.storage.run(tenant, fn);
  }
}

/**
 * An object that is always "the current tenant's one": handlers that captured it when they were registered
 * (`const state = ctx.state`) read and write the state of whichever tenant the request belongs to. Methods are
 * bound to the real object, so they see their own fields, not the proxy.
 */
export function forwardTo<T extends object>(target: () => T): T {
  return new Proxy({} as T, {
    get(_shell, property) {
      const real = target();
      const value = Reflect.get(real, property, real) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
    set(_shell, property, value) {
      return Reflect.set(target(), property, value);
    },
    has(_shell, property) {
      return Reflect.has(target(), property);
    },
    ownKeys() {
      return Reflect.ownKeys(target());
    },
    getOwnPropertyDescriptor(_shell, property) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), property);
      // A proxy may only report a property configurable when its shell agrees; the shell is empty, so say so.
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
    getPrototypeOf() {
      return Reflect.getPrototypeOf(target());
    },
  });
}
