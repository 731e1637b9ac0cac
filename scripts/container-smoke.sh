#!/usr/bin/env bash
# Container smoke test, run by .ci/run: build the image from the Dockerfile, start it with a data
# volume, wait for its HEALTHCHECK to report healthy, create a bin, capture into it, restart the
# container and find the capture still there. Runs as root (CI), loopback only.
#
# Base images: where no image registry is reachable (these machines, CI), ../shared/tools/docker-offline
# starts the engine without a bridge network and builds a stand-in for the Dockerfile's Node base image
# from Debian's archive and the npm registry; elsewhere the image is built with `docker build` as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=hookjar:smoke
PORT=${SMOKE_PORT:-39731}
BASE="http://127.0.0.1:$PORT"
DOCKER=$(command -v docker || true)
say() { echo "[container-smoke $(date +%T)] $*"; }

if [ -x ../shared/tools/docker-offline ]; then
  say "building $TAG with stand-in base images (../shared/tools/docker-offline)"
  RUN_ARGS="-e PORT=$PORT -e HOST=127.0.0.1" ../shared/tools/docker-offline . "$TAG" "$PORT"
  DOCKER=/usr/bin/docker
elif [ -n "$DOCKER" ]; then
  say "building $TAG"
  DOCKER_BUILDKIT=1 "$DOCKER" build --network=host -t "$TAG" .
else
  echo "container-smoke: no docker here, and no ../shared/tools/docker-offline to install it" >&2
  exit 1
fi

# The runtime stage carries only what the server loads; its size is printed so a regrowth shows in CI logs.
say "image size: $("$DOCKER" image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1 / 1e6}')"

VOLUME=hookjar-smoke-$$
CID=""
cleanup() {
  [ -n "$CID" ] && "$DOCKER" rm -f "$CID" >/dev/null 2>&1 || true
  "$DOCKER" volume rm -f "$VOLUME" >/dev/null 2>&1 || true
}
trap cleanup EXIT

healthy() {
  for _ in $(seq 90); do
    status=$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$CID")
    [ "$status" = healthy ] && return 0
    [ "$("$DOCKER" inspect -f '{{.State.Running}}' "$CID")" = true ] || break
    sleep 1
  done
  "$DOCKER" logs "$CID" | tail -20
  echo "container-smoke: the container did not become healthy (last status: ${status:-none})" >&2
  exit 1
}

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(eval(process.argv[1]))})' "$1"; }

"$DOCKER" volume create "$VOLUME" >/dev/null
# Host networking: the engine here has no bridge, so the app listens on 127.0.0.1:$PORT itself.
CID=$("$DOCKER" run -d --network=host -e PORT="$PORT" -e HOST=127.0.0.1 -v "$VOLUME":/data "$TAG")
healthy
say "healthy; runs as uid $("$DOCKER" exec "$CID" id -u)"
[ "$("$DOCKER" exec "$CID" id -u)" != 0 ] || { echo "container-smoke: runs as root" >&2; exit 1; }

BIN=$(curl -fsS -X POST "$BASE/api/bins" -H 'content-type: application/json' -d '{"name":"smoke"}' | json v.id)
CAPTURE=$(curl -fsS -X POST "$BASE/b/$BIN/smoke?x=1" -H 'content-type: text/plain' --data-binary 'hello from the smoke test' | json v.id)
say "bin $BIN, capture $CAPTURE"
# The relay's tarball is among the runtime files: `npx <origin>/cli/hookjar.tgz` works against the container.
TARBALL=$(mktemp)
curl -fsS -o "$TARBALL" "$BASE/cli/hookjar.tgz"
MAGIC=$(od -An -tx1 -N2 "$TARBALL" | tr -d ' \n')
rm -f "$TARBALL"
[ "$MAGIC" = 1f8b ] || { echo "container-smoke: /cli/hookjar.tgz is not a gzip tarball (starts $MAGIC)" >&2; exit 1; }

"$DOCKER" restart -t 10 "$CID" >/dev/null
healthy
BODY=$(curl -fsS "$BASE/api/bins/$BIN/requests/$CAPTURE/body")
[ "$BODY" = "hello from the smoke test" ] || { echo "container-smoke: after a restart the capture's body is \"$BODY\"" >&2; exit 1; }
say "SMOKE OK: healthy, bin created, relay tarball served, capture kept across a restart on the volume"
