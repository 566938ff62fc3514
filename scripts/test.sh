#!/usr/bin/env bash
# Runs every check the project keeps: formatting, vet, staticcheck, all tests
# with the race detector where goroutines may run (window tests under Xvfb,
# deploy/slurm on a one-node Slurm cluster the test starts itself,
# deploy/kubernetes against the Kubernetes API schema), and a short fuzz of
# the scenario loader, --set paths, the TOML reader and the log reader.
# Installs what it needs when it can (root with apt-get, npm); otherwise the
# tests that need it skip, saying so.
#
# Where the time goes on a fresh clone (docs/performance.md, "The test
# script"): compiling the module three ways (plain for vet and staticcheck,
# with the race detector, instrumented for fuzzing), then the tests.
# FUZZTIME sets each fuzz target's time (default 10s, four targets).
set -euo pipefail
cd "$(dirname "$0")/.."

STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME=${FUZZTIME:-10s}

need_apt=()
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xvfb xauth)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium) # the team pages and the futures page, driven with chromedp
# The daemons live in /usr/sbin, which a non-login shell may not search.
for pkg in slurmctld:slurmctld slurmd:slurmd munged:munge; do
  command -v "${pkg%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${pkg%%:*}" ] || need_apt+=("${pkg#*:}")
done
command -v sbatch >/dev/null 2>&1 || need_apt+=(slurm-client)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # A failed install is not fatal: the tests that need the packages skip.
    if ! { apt-get update -qq >/dev/null &&
      apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null; }; then
      echo "== could not install ${need_apt[*]}; continuing without"
    fi
  else
    echo "== cannot install ${need_apt[*]} (not root with apt-get); continuing without"
  fi
fi

# The Kubernetes manifests' OpenAPI schema check runs on Node; its packages
# are pinned by package-lock.json. Without them that one check skips.
k8s_openapi=deploy/kubernetes/testdata/openapi
if command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
  if [ ! -d "$k8s_openapi/node_modules/kubernetes-models" ]; then
    echo "== npm ci in $k8s_openapi"
    npm ci --prefix "$k8s_openapi" --no-audit --no-fund --loglevel=error >/dev/null ||
      echo "== npm ci failed; the OpenAPI check of the Kubernetes manifests skips"
  fi
else
  echo "== no node and npm: the OpenAPI check of the Kubernetes manifests skips"
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== staticcheck"
go run "$STATICCHECK" ./...

race=-race
if ! command -v gcc >/dev/null 2>&1; then
  echo "== no C compiler: running the tests without the race detector"
  race=
fi

# go vet ./... above ran every analyzer on every package and test file; the
# subset go test would run again, on a race build, adds nothing.
#
# The kernel, the scenarios and the model start no goroutine (the root's
# TestModelStartsNoGoroutines checks it), so the race detector has nothing
# to see in them; their tests, the slowest of the suite under it, run
# without it. Every other package runs under the race detector.
single=$(go list ./sim/... ./scenarios/... ./agents/...)
concurrent=$(go list ./... | grep -v -x -F "$single")
echo "== go test $race -shuffle=on" $concurrent
if command -v xvfb-run >/dev/null 2>&1 && [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1920x1080x24" go test $race -vet=off -shuffle=on -timeout 20m $concurrent
else
  go test $race -vet=off -shuffle=on -timeout 20m $concurrent
fi
echo "== go test -shuffle=on" $single
go test -vet=off -shuffle=on -timeout 20m $single

# Each fuzz target gets $FUZZTIME (about 40 s in all): the scenario loader,
# --set paths, the agreement of the TOML reader with go-toml, the log reader.
for target in "FuzzLoad ./scenarios" "FuzzSet ./scenarios" "FuzzAgreesWithGoTOML ./scenarios/internal/tomlx" "FuzzReadLog ./agents"; do
  set -- $target
  echo "== fuzz $1 for $FUZZTIME"
  go test -run '^$' -fuzz "^$1\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 5s "$2"
done
echo "== all checks passed"
