/**
 * The process registry: the one place that holds Hookjar's stateful services (database client,
 * capture writer, forward queue, rate limiter, id generator, change feed, Socket.IO server).
 *
 * Why it exists: server.ts loads lib/ through Node, while Next bundles its own copy of lib/ into
 * the route handlers, so every module runs twice in one process. Module-level state would exist
 * twice too — two write queues, two rate limiters, an io server only one copy knows. Every
 * stateful service is therefore created through `single()`: whichever copy asks first creates it,
 * and every copy gets that same instance. Plain functions and constants stay ordinary module code.
 */

const REGISTRY = Symbol.for("hookjar.services");

type Registry = Map<string, unknown>;

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [REGISTRY]?: Registry };
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** The process's one instance of the service `name`, created by `create` on first use. */
export function single<T>(name: string, create: () => T): T {
  const services = registry();
  if (!services.has(name)) services.set(name, create());
  return services.get(name) as T;
}

/** The names of the services created so far in this process (for tests and diagnostics). */
export function serviceNames(): string[] {
  return [...registry().keys()];
}
