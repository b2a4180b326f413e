#!/usr/bin/env bash
# make mutation: mutmut (a well-kept mutation tester) over the critical paths, core/transfer, core/queue,
# core/providers and core/http.py; prints the score and lists the survivors. Not part of make test.
#
# mutmut 3 names mutants by module path and knows only ./, src/ or source/ as the source folder, while the
# package lives in gui/ here; so the run happens in a scratch copy, build/mutation/, with gui/ copied to src/.
# For each mutant mutmut runs only the tests that called the mutated function during its first, recording pass
# (the selection below: unit, integration and security tests, the fast ones over the real sandbox), which is what
# keeps the run within reach of two cores. MUTATION_ONLY narrows it (a glob, e.g. src/assetdrop/core/http.py);
# MUTATION_JOBS is how many mutants run at once (2).
# Usage: tests/run-mutation.sh PYTHON
set -euo pipefail
python=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: the run happens in the scratch copy
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$root/build/mutation
only=${MUTATION_ONLY:-}

mkdir -p "$scratch"
rm -rf "$scratch/src" "$scratch/tests" "$scratch/resources" "$scratch/docs" "$scratch/packaging"
cp -a "$root/gui" "$scratch/src"
cp -a "$root/tests" "$root/resources" "$root/docs" "$root/packaging" "$scratch/"  # tests read some of them
find "$scratch/src" "$scratch/tests" -name __pycache__ -prune -exec rm -rf {} +
{
  sed 's/^testpaths = \["tests"\]/testpaths = ["tests"]\npythonpath = ["src"]/' "$root/pyproject.toml"
  cat <<EOF

[tool.mutmut]
source_paths = ["src"]
also_copy = ["resources", "docs", "packaging"]
only_mutate = [$(if [[ -n $only ]]; then echo "\"$only\""; else
    echo '"src/assetdrop/core/transfer/*", "src/assetdrop/core/queue/*", "src/assetdrop/core/providers/*", "src/assetdrop/core/http.py"'
  fi)]

pytest_add_cli_args_test_selection = ["tests/unit", "tests/integration", "tests/security"]
# test_layers reads the source text, which mutmut rewrites (its trampolines import inside functions), and the
# upload memory test measures a peak that mutmut's recording pass raises
pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x", "--timeout", "120", "--ignore", "tests/unit/test_layers.py", "--ignore", "tests/integration/test_upload_memory.py"]
max_children = ${MUTATION_JOBS:-2}
EOF
} >"$scratch/pyproject.toml"

cd "$scratch"
started=$(date +%s)
"$python" -m mutmut run || true
elapsed=$(($(date +%s) - started))
"$python" -m mutmut results --all true >results.txt 2>&1 || "$python" -m mutmut results >results.txt 2>&1 || true
killed=$(grep -c ': killed$' results.txt || true)
survived=$(grep -c ': survived$' results.txt || true)
timeout=$(grep -c ': timeout$' results.txt || true)
checked=$((killed + survived + timeout))
echo "mutation score: $((killed + timeout)) of $checked mutants killed (timeouts count as killed)" \
  "$(if ((checked)); then echo "= $(((killed + timeout) * 1000 / checked / 10)).$(((killed + timeout) * 1000 / checked % 10))%"; fi)" \
  "in $((elapsed / 60)) min"
echo "survivors (mutmut show NAME in $scratch shows the change):"
grep ': survived$' results.txt | sed 's/: survived$//; s/^ */  /' || true
