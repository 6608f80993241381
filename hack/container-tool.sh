#!/usr/bin/env bash
# Checks that the container tool (docker or podman) can build here, and says clearly what to do when it cannot.
#   hack/container-tool.sh <tool> <make target>
set -uo pipefail
tool="$1"; target="$2"
explain() {
  echo "$target: $1" >&2
  echo "  Build on a machine where '$tool' runs and the node:24 base image can be pulled:" >&2
  echo "    make docker-build IMG=<registry>/cce-operator:<version> && make docker-push IMG=<same>" >&2
  echo "  Without a container runtime, 'make test-image' checks the image's production install, build and command line." >&2
  exit 1
}
command -v "$tool" >/dev/null 2>&1 || explain "'$tool' is not installed on this machine, so no image can be built here."
"$tool" info >/dev/null 2>&1 || explain "'$tool' is installed but cannot reach its daemon ('$tool info' fails), so no image can be built here."
