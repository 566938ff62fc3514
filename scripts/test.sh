#!/usr/bin/env bash
# Runs every check the project keeps: formatting, vet, staticcheck, all tests
# with the race detector (window tests under Xvfb), and a short fuzz of the
# scenario loader, --set paths, the TOML reader and the log reader. Installs
# what it needs when it can (root with apt-get); otherwise the window tests
# skip, saying so.
set -euo pipefail
cd "$(dirname "$0")/.."

STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME=${FUZZTIME:-10s}

need_apt=()
command -v xvfb-run >/dev/null 2>&1 || need_apt+=(xvfb xauth)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc libc6-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "== cannot install ${need_apt[*]} (not root with apt-get); continuing without"
  fi
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

echo "== go test $race -shuffle=on ./..."
if command -v xvfb-run >/dev/null 2>&1 && [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1920x1080x24" go test $race -shuffle=on -timeout 20m ./...
else
  go test $race -shuffle=on -timeout 20m ./...
fi

# Each fuzz target gets $FUZZTIME (about 40 s in all): the scenario loader,
# --set paths, the agreement of the TOML reader with go-toml, the log reader.
for target in "FuzzLoad ./scenarios" "FuzzSet ./scenarios" "FuzzAgreesWithGoTOML ./scenarios/internal/tomlx" "FuzzReadLog ./agents"; do
  set -- $target
  echo "== fuzz $1 for $FUZZTIME"
  go test -run '^$' -fuzz "^$1\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 5s "$2"
done
echo "== all checks passed"
