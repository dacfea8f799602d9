# Shared settings for the notebook scripts (sourced, not run).
# Finds the project root, a Python that has Jupyter, and points Jupyter at the
# project-local kernel registry (.cache/jupyter, gitignored) so that the tslab kernel
# of this checkout never clashes with another checkout's.

set -euo pipefail

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
NOTEBOOK_DIRECTORY="$PROJECT_ROOT/notebooks"
EXECUTED_DIRECTORY="$NOTEBOOK_DIRECTORY/executed"
JUPYTER_PREFIX="$PROJECT_ROOT/.cache/jupyter"
TSLAB_BINARY="$PROJECT_ROOT/node_modules/.bin/tslab"
export JUPYTER_PATH="$JUPYTER_PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

# find_python MODULES...: prints the first Python that imports all MODULES.
# Order: $HKD_PYTHON, python3 on PATH (a conda env's when activated), Debian's /usr/bin/python3.
find_python() {
  local check="import ${1}"
  shift
  for module in "$@"; do check="$check, $module"; done
  local candidate
  for candidate in ${HKD_PYTHON:-} python3 /usr/bin/python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$check" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}
