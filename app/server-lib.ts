// The one door from Next's bundles into the server's code. Next bundles whatever app/ imports, so a
// plain import of lib/ would give route handlers and pages a second copy of every module (a second
// write queue, change feed, cache…). This import is left to Node at run time instead: it loads the
// @hookjar/lib package that server.ts has already loaded, and Node hands back that same module.
const lib: typeof import("@hookjar/lib") = await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ "@hookjar/lib");

export default lib;
