// The flags Node runs the server with, wherever it starts: `npm start` (package.json), the Docker
// image's CMD, and the tests and benchmarks that start the server as it ships (test/helpers/server.ts).
// test/start.test.ts checks that the first two pass exactly these.
//
// --max-semi-space-size=8: V8 sizes the young generation by the machine's memory, up to two 32 MiB
// semi-spaces on a 24 GiB machine, and a flood of captures fills them with garbage that dies young.
// Capped at 8 MiB, peak memory under 50 senders fell from 322–341 to 231–236 MiB on PostgreSQL in
// back-to-back runs, at the same capture rate and CPU per capture (SQLite's peak, set elsewhere, did
// not change).
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=8"];
