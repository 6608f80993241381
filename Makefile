# cce-operator — `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Node >= 24 first on PATH for every recipe (npm ci included, so node_modules is installed by it): hack/node.sh
# prints the directory of the node on PATH when it is >= 24, else installs the pinned Node 24 from the npm
# registry into ~/.cache/cce-operator/node (once) and prints its bin dir. Evaluated once; `make help` skips it.
ifneq ($(filter-out help,$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
NODE_BIN := $(shell bash hack/node.sh)
ifeq ($(NODE_BIN),)
$(error hack/node.sh found or installed no Node >= 24 (its messages are above))
endif
# Prepend only when it is not already the node on PATH (prepending e.g. /usr/bin could shadow other tools).
ifneq ($(NODE_BIN)/node,$(shell command -v node))
export PATH := $(NODE_BIN):$(PATH)
endif
endif

NPM ?= npm
# The release version (package.json), the image reference `docker-build` tags and `deploy` installs.
VERSION := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' package.json)
IMG ?= cce-operator:$(VERSION)
CONTAINER_TOOL ?= docker
KUBECTL ?= kubectl
MOCHA := npx mocha
TESTENV_BIN = $(shell bash hack/testenv/build.sh --print)

##@ General

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make <target>\n"} /^[a-zA-Z_-]+:.*?##/ { printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Main job

.PHONY: demo
demo: deps testenv ## Start kube-apiserver + etcd, the CCE simulator and the operator, apply the samples, watch them reach Ready.
	npx tsx hack/demo.ts

##@ Development

.PHONY: node
node: ## Print which Node and npm the targets run with (Node 24, from hack/node.sh).
	@echo "node $$(node --version) ($$(command -v node)), npm $$(npm --version)"

.PHONY: deps
deps: node node_modules/.package-lock.json ## Install npm packages (npm ci) and the Debian packages the build needs.
	@bash hack/install-deps.sh

node_modules/.package-lock.json: package-lock.json package.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

.PHONY: testenv
testenv: ## Build kube-apiserver, etcd, kubectl and helm from Go modules into ~/.cache (only when missing).
	@bash hack/testenv/build.sh >/dev/null
	@bash hack/testenv/helm.sh >/dev/null

.PHONY: crds
crds: deps ## Generate crds/*.yaml and config/crd from the TypeScript schemas.
	npx tsx hack/gen-crds.ts

.PHONY: docs
docs: deps ## Generate docs/crd-reference.md and docs/flags.md from the schemas and operator/config.ts.
	npx tsx hack/gen-docs.ts

.PHONY: build
build: deps ## Compile the operator and the simulator to dist/.
	npx tsc -p tsconfig.build.json

.PHONY: typecheck
typecheck: deps ## Type-check everything (tsx does not).
	npx tsc --noEmit -p tsconfig.json

.PHONY: check-crds
check-crds: deps ## Fail when crds/ is not what `make crds` generates.
	npx tsx hack/gen-crds.ts --check

.PHONY: lint
lint: deps ## Lint (ESLint) and check formatting (Prettier --check); changes nothing.
	npx eslint .
	npx prettier --check .

.PHONY: format
format: deps ## Rewrite files to the Prettier style, then apply ESLint's autofixes.
	npx prettier --write .
	npx eslint --fix .

##@ Tests

.PHONY: test
test: deps testenv typecheck lint check-crds unit integration ## Everything CI runs: typecheck, lint, unit and integration tests.

.PHONY: unit
unit: deps ## Unit tests (pure logic).
	$(MOCHA) --config test/unit/.mocharc.cjs 'test/unit/**/*.test.ts'

.PHONY: integration
integration: deps testenv ## Integration tests against a real kube-apiserver + etcd and the CCE simulator.
	$(MOCHA) --config test/integration/.mocharc.cjs 'test/integration/**/*.test.ts'

.PHONY: test-install
test-install: deps testenv ## Only test/integration/e2e: config/default installed with kubectl, the operator as its own ServiceAccount.
	$(MOCHA) --config test/integration/.mocharc.cjs 'test/integration/e2e/**/*.test.ts'

.PHONY: bench
bench: deps testenv ## Fleet benchmark: BENCH_N clusters (default 100; e.g. BENCH_N=100,500) × 2 pools × 2 add-ons; prints a table, writes bench-results/*.json. Not part of `make test`.
	BENCH_N=$(or $(BENCH_N),100) npx tsx test/bench/run.ts

.PHONY: chaos
chaos: deps testenv ## Chaos suite: CHAOS_OBJECTS objects (default 250) under cloud faults, operator SIGKILLs and deletes, 1,000 invalid specs, secrets grep; prints a table, writes chaos-results/chaos.json (CHAOS_* settings: test/chaos/options.ts). Not part of `make test`.
	npx tsx test/chaos/run.ts

##@ Image

.PHONY: docker-build
docker-build: ## Build the image $(IMG) (IMG=registry/cce-operator:tag to name it; CONTAINER_TOOL=podman works too).
	@bash hack/container-tool.sh $(CONTAINER_TOOL) docker-build
	$(CONTAINER_TOOL) build --build-arg VERSION=$(VERSION) --build-arg REVISION=$$(git rev-parse HEAD 2>/dev/null || echo unknown) \
	  --build-arg CREATED=$$(date -u +%Y-%m-%dT%H:%M:%SZ) -t $(IMG) .

.PHONY: docker-push
docker-push: ## Push the image $(IMG).
	@bash hack/container-tool.sh $(CONTAINER_TOOL) docker-push
	$(CONTAINER_TOOL) push $(IMG)

.PHONY: test-image
test-image: deps testenv ## Only test/integration/image: the image's production install and build in a clean directory, its command line on the host.
	$(MOCHA) --config test/integration/.mocharc.cjs 'test/integration/image/**/*.test.ts'

##@ Deployment (kubectl on PATH, the current context)

.PHONY: install
install: ## Install the CRDs (kubectl apply --server-side -k config/crd).
	$(KUBECTL) apply --server-side -k config/crd

.PHONY: uninstall
uninstall: ## Delete the CRDs, and with them every CceCluster, CceNodePool, CceAddon and CceClusterRegistration object.
	$(KUBECTL) delete --ignore-not-found -k config/crd

.PHONY: deploy
deploy: ## Install config/default (CRDs, RBAC, the operator) with the image in config/manager/kustomization.yaml.
	$(KUBECTL) apply --server-side -k config/default

.PHONY: undeploy
undeploy: ## Delete what deploy installed (delete the CCE objects first: docs/upgrade.md).
	$(KUBECTL) delete --ignore-not-found -k config/default

.PHONY: run
run: deps ## Run the operator from source against the current kubeconfig (ARGS="--leader-elect=false ..." adds flags).
	node --import tsx operator/main.ts run $(ARGS)

.PHONY: validate
validate: deps ## Validate manifests offline: make validate FILES="config/samples my/manifests/".
	node --import tsx operator/main.ts validate $(or $(FILES),config/samples)

##@ Simulator

.PHONY: sim
sim: deps ## Run the CCE simulator on :8443 (see sim/README.md for flags).
	npx tsx sim/cli.ts --port 8443 --access-key demo-ak --secret-key demo-sk --project-id demo-project --job-seconds 3
