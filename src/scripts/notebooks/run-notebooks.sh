#!/usr/bin/env bash
# Executes notebooks headless with nbconvert/nbclient on the tslab kernel and fails
# on the first cell error (tslab also rejects cells that do not type-check).
#
#   bash src/scripts/notebooks/run-notebooks.sh [--html] [notebooks/NN-name.ipynb ...]
#
# Executed copies (with outputs) go to notebooks/executed/ (gitignored); with --html
# each is also rendered to notebooks/executed/NAME.html. Smoke mode (small data, few
# epochs) is on unless HKD_SMOKE=0 is set. Per-cell timeout: HKD_CELL_TIMEOUT seconds
# (default 1800). Needs `npm run build` (the notebooks import ../dist) and the kernel
# (src/scripts/notebooks/setup-kernel.sh; this script runs it when the kernel is missing).
# After the run it checks the executed copies' logs (check-layout.mjs --outputs: at most
# 15 stream-output lines per cell, no stderr) and fails when a notebook breaks them.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"

html=0
notebooks=()
for argument in "$@"; do
  case "$argument" in
    --html) html=1 ;;
    *) notebooks+=("$argument") ;;
  esac
done
if [ ${#notebooks[@]} -eq 0 ]; then
  mapfile -t notebooks < <(ls "$NOTEBOOK_DIRECTORY"/[0-9]*.ipynb | sort)
fi
if [ ${#notebooks[@]} -eq 0 ]; then
  echo "run-notebooks: no notebooks found in $NOTEBOOK_DIRECTORY" >&2
  exit 1
fi

if ! PYTHON="$(find_python nbclient nbconvert nbformat)"; then
  echo "run-notebooks: no Python with nbclient and nbconvert; install them:" >&2
  echo "  apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client" >&2
  echo "  (or: npm run lab, whose project-local .venv-lab has them)" >&2
  exit 1
fi
if ! kernel_registered; then
  HKD_PYTHON="$PYTHON" bash "$PROJECT_ROOT/src/scripts/notebooks/setup-kernel.sh"
fi
if [ ! -f "$PROJECT_ROOT/dist/plots/index.js" ]; then
  echo "run-notebooks: dist/ is not built: run 'npm run build' first" >&2
  exit 1
fi

export HKD_SMOKE="${HKD_SMOKE:-1}"
timeout="${HKD_CELL_TIMEOUT:-1800}"
mkdir -p "$EXECUTED_DIRECTORY"
failed=()
executed=()
summary=()
for notebook in "${notebooks[@]}"; do
  name="$(basename "$notebook" .ipynb)"
  echo "=== $name (HKD_SMOKE=$HKD_SMOKE)"
  start=$(date +%s)
  if "$PYTHON" "$PROJECT_ROOT/src/scripts/notebooks/execute-notebook.py" "$notebook" "$EXECUTED_DIRECTORY/$name.ipynb" "$timeout"; then
    status=ok
    executed+=("$EXECUTED_DIRECTORY/$name.ipynb")
  else
    status=FAILED
    failed+=("$name")
  fi
  seconds=$(($(date +%s) - start))
  summary+=("$(printf '%-28s %-7s %5ss' "$name" "$status" "$seconds")")
  if [ "$status" = ok ] && [ "$html" = 1 ]; then
    "$PYTHON" -m nbconvert --to html --output-dir "$EXECUTED_DIRECTORY" "$EXECUTED_DIRECTORY/$name.ipynb"
    node "$PROJECT_ROOT/src/scripts/notebooks/inline-math.mjs" "$EXECUTED_DIRECTORY/$name.html"
  fi
done

echo "=== notebooks (HKD_SMOKE=$HKD_SMOKE)"
printf '%s\n' "${summary[@]}"
# The executed copies' logs: at most 15 stream-output lines per cell, no stderr.
layout=ok
if [ ${#executed[@]} -gt 0 ] && ! node "$PROJECT_ROOT/src/scripts/notebooks/check-layout.mjs" --outputs "${executed[@]}"; then
  layout=FAILED
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "run-notebooks: failed: ${failed[*]} (see the cell error above)" >&2
  exit 1
fi
if [ "$layout" != ok ]; then
  echo "run-notebooks: the notebooks ran, but their cell logs break the layout rules (listed above)" >&2
  exit 1
fi
echo "${#notebooks[@]} passed, 0 failed"
