#!/usr/bin/env bash
# `make test`'s pytest as three processes at once: tests/reliability with the command-line e2e tests (real
# processes, kills, the soak); the window's tests with the package test (it builds the bundle and the .deb); and
# the rest. One pytest process uses at most one core (its in-process sandboxes share its GIL) and most tests wait
# on sockets, pacing and child processes: two processes used 28% of two cores over 8.4 min in one run here.
# Each part has its own temporary folder and log; a log is printed whole when its part ends, and the exit
# status is the first failure's. With test paths given (make test PYTEST_ARGS=tests/unit), one plain run.
# Usage: tests/run-split.sh PYTHON [pytest arguments...]; RUNNER="-m coverage run -m pytest" for make coverage.
set -uo pipefail
python=$1
shift
read -r -a runner <<<"${RUNNER:--m pytest}"
for arg in "$@"; do
  if [[ $arg != -* && -e ${arg%%::*} ]]; then
    exec "$python" "${runner[@]}" "$@"
  fi
done

work=$(mktemp -d -t assetdrop-tests.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$python" "${runner[@]}" --basetemp="$work/reliability" "$@" tests/reliability tests/e2e \
  --deselect tests/e2e/test_package.py >"$work/reliability.log" 2>&1 &
reliability=$!
"$python" "${runner[@]}" --basetemp="$work/window" "$@" tests/gui tests/e2e/test_package.py >"$work/window.log" 2>&1 &
window=$!
"$python" "${runner[@]}" --basetemp="$work/rest" "$@" --ignore=tests/reliability --ignore=tests/e2e --ignore=tests/gui \
  tests >"$work/rest.log" 2>&1 &
rest=$!

status=0
for half in rest window reliability; do
  pid=${!half}
  wait "$pid"
  code=$?
  echo "=================== pytest: $half (exit status $code) ==================="
  cat "$work/$half.log"
  if [[ $status -eq 0 && $code -ne 0 ]]; then
    status=$code
  fi
done
exit "$status"
