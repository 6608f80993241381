#!/usr/bin/env bash
# Builds helm from the Go module proxy (`go install helm.sh/helm/v3/cmd/helm@<version>`) into the test-binary
# cache beside kube-apiserver/etcd/kubectl, keyed by version, only when missing. Prints the bin dir on its
# last line of stdout (the helm binary is <dir>/helm).
#
#   hack/testenv/helm.sh            build if missing, print the bin dir
#   hack/testenv/helm.sh --print    print the bin dir only (no build)
#
# Env: CCE_TESTENV_CACHE (default ~/.cache/cce-operator/testenv), as hack/testenv/build.sh.
set -euo pipefail

HELM_VERSION="v3.22.0"
# The Kubernetes version helm's default capabilities (`helm template`, `helm lint`) assume, as the upstream release
# build stamps it from its k8s.io modules (v0.37 -> 1.37). Bump BUILD_REV when the recipe changes.
K8S_MAJOR=1
K8S_MINOR=37
BUILD_REV=2
cache_root="${CCE_TESTENV_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cce-operator/testenv}"
bin="${cache_root}/helm-${HELM_VERSION}-r${BUILD_REV}/bin"

if [[ "${1:-}" == "--print" ]]; then echo "$bin"; exit 0; fi

log() { echo "[testenv] $*" >&2; }

if [[ -x "$bin/helm" ]]; then
  log "cached helm ${HELM_VERSION} found in $bin"
  echo "$bin"; exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  for g in /usr/local/go/bin/go /usr/lib/go/bin/go; do [[ -x "$g" ]] && export PATH="$(dirname "$g"):$PATH" && break; done
fi
if ! command -v go >/dev/null 2>&1; then
  log "ERROR: the Go toolchain is not installed (need Go to build helm ${HELM_VERSION} from the Go module proxy)."
  exit 1
fi

mkdir -p "$bin"
tmp="$(mktemp -d "${cache_root}/.helm-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "building helm ${HELM_VERSION} -> $bin/helm (go install from $(go env GOPROXY); about 2 minutes cold on 2 cores)"
start=$(date +%s)
k8s_ldflags=""
for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  k8s_ldflags+=" -X ${pkg}.k8sVersionMajor=${K8S_MAJOR} -X ${pkg}.k8sVersionMinor=${K8S_MINOR}"
done
# Outside any module (cd /) so the project's go.mod files play no part; version stamped as upstream does.
if ! (cd / && CGO_ENABLED=0 GOBIN="$tmp" go install -trimpath \
      -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=${HELM_VERSION} ${k8s_ldflags}" \
      "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}") 2>&1 | sed 's/^/[testenv]   /' >&2 || [[ ! -x "$tmp/helm" ]]; then
  log "ERROR: building helm ${HELM_VERSION} failed (see the output above; is the Go module proxy reachable?)."
  exit 1
fi
mv -f "$tmp/helm" "$bin/helm"
log "built helm ${HELM_VERSION} in $(( $(date +%s) - start ))s ($(du -h "$bin/helm" | cut -f1))"
echo "$bin"
