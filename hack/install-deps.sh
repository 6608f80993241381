#!/usr/bin/env bash
# Installs what the build and tests need beyond npm packages, when missing:
#  - Go (>= 1.24) to build kube-apiserver/etcd/kubectl from Go modules: expected at /usr/local/go or on PATH;
#  - Debian packages (PACKAGES): lua5.1, the Lua Argo CD runs its health checks and resource actions in, for the
#    tests of config/argocd (test/unit/argocd).
set -euo pipefail
PACKAGES=(lua5.1)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "[deps] installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v go >/dev/null 2>&1 && [[ ! -x /usr/local/go/bin/go ]]; then
  echo "[deps] ERROR: Go is required to build the test environment (kube-apiserver, etcd, kubectl) from Go modules." >&2
  echo "[deps]        Install Go >= 1.24 (e.g. to /usr/local/go) with access to the Go module proxy." >&2
  exit 1
fi
