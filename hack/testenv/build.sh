#!/usr/bin/env bash
# Builds kube-apiserver, etcd and kubectl from Go modules into a cache folder outside the clone,
# keyed by version, only when missing. Prints the bin directory on its last line of stdout.
#
#   hack/testenv/build.sh            build if missing, print the bin dir
#   hack/testenv/build.sh --print    print the bin dir only (no build)
#
# Env: CCE_TESTENV_CACHE (default ~/.cache/cce-operator/testenv)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
K8S_VERSION="v1.34.4"
ETCD_VERSION="v3.6.4"
# Bump BUILD_REV when the build recipe (flags, main packages) changes, so caches are rebuilt.
BUILD_REV=2
key="k8s-${K8S_VERSION}-etcd-${ETCD_VERSION}-r${BUILD_REV}"
cache_root="${CCE_TESTENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cce-operator/testenv}"
bin="${cache_root}/${key}/bin"

if [[ "${1:-}" == "--print" ]]; then echo "$bin"; exit 0; fi

log() { echo "[testenv] $*" >&2; }

missing=()
for b in kube-apiserver etcd kubectl; do
  [[ -x "$bin/$b" ]] || missing+=("$b")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  log "cached binaries found in $bin"
  echo "$bin"; exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  for g in /usr/local/go/bin/go /usr/lib/go/bin/go; do [[ -x "$g" ]] && export PATH="$(dirname "$g"):$PATH" && break; done
fi
if ! command -v go >/dev/null 2>&1; then
  log "ERROR: the Go toolchain is not installed (need Go >= 1.24 to build kube-apiserver ${K8S_VERSION} and etcd ${ETCD_VERSION})."
  log "Install Go (e.g. /usr/local/go) and make sure the Go module proxy is reachable (GOPROXY=$(go env GOPROXY 2>/dev/null || echo unset))."
  exit 1
fi

mkdir -p "$bin"
cd "$here"
log "downloading Go modules for Kubernetes ${K8S_VERSION} and etcd ${ETCD_VERSION} (GOPROXY=$(go env GOPROXY))"
if ! go mod download 2>&1 | sed 's/^/[testenv]   /' >&2; then
  log "ERROR: 'go mod download' failed: the Go module proxy ($(go env GOPROXY)) could not serve the modules listed in hack/testenv/go.mod."
  exit 1
fi
# Stamp the versions the upstream release builds carry, so /version and `kubectl version` report v1.34.x.
minor="${K8S_VERSION#v1.}"; minor="${minor%%.*}"
version_ldflags=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  version_ldflags+=" -X ${pkg}.gitVersion=${K8S_VERSION} -X ${pkg}.gitMajor=1 -X ${pkg}.gitMinor=${minor}"
  version_ldflags+=" -X ${pkg}.gitTreeState=clean -X ${pkg}.buildDate=1970-01-01T00:00:00Z"
done
i=0
for b in "${missing[@]}"; do
  i=$((i+1))
  log "building $b (${i}/${#missing[@]}) -> $bin/$b ... (a cold build takes several minutes on 2 cores)"
  start=$(date +%s)
  tmp="$bin/.$b.tmp.$$"
  if ! CGO_ENABLED=0 go build -trimpath -ldflags "-s -w ${version_ldflags}" -o "$tmp" "./$b" 2>&1 | sed 's/^/[testenv]   /' >&2 || [[ ! -x "$tmp" ]]; then
    rm -f "$tmp"
    log "ERROR: building $b failed (see the compiler output above)."
    exit 1
  fi
  mv -f "$tmp" "$bin/$b"
  log "built $b in $(( $(date +%s) - start ))s ($(du -h "$bin/$b" | cut -f1))"
done
echo "$bin"
