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
TSLAB_KERNEL_FILE="$JUPYTER_PREFIX/share/jupyter/kernels/tslab/kernel.json"
# The project-local Python environment that `npm run lab` creates when no Python with
# JupyterLab is found (gitignored; delete the folder to recreate it).
LAB_ENVIRONMENT="$PROJECT_ROOT/.venv-lab"
export JUPYTER_PATH="$JUPYTER_PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

# Same data defaults as src/scripts/run-tests.mjs: the offline mirror beside the checkout.
if [ -z "${HKD_DATA_MIRROR:-}" ] && [ -d "$PROJECT_ROOT/../shared/data" ]; then
  export HKD_DATA_MIRROR="$(cd "$PROJECT_ROOT/../shared/data" && pwd)"
fi

# find_python MODULES...: prints the first Python that imports all MODULES.
# Order: $HKD_PYTHON, the project's .venv-lab, python3 on PATH (a conda env's when
# activated), Debian's /usr/bin/python3.
find_python() {
  local check="import ${1}"
  shift
  for module in "$@"; do check="$check, $module"; done
  local candidate
  for candidate in ${HKD_PYTHON:-} "$LAB_ENVIRONMENT/bin/python" python3 /usr/bin/python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$check" >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# kernel_registered: true when this checkout's tslab kernel spec exists and starts this checkout's tslab.
kernel_registered() {
  [ -f "$TSLAB_KERNEL_FILE" ] && grep -q "\"$TSLAB_BINARY\"" "$TSLAB_KERNEL_FILE"
}

# require_node: fails with the fixing command when Node < 20 or `npm ci` was not run.
require_node() {
  local script="$1"
  if ! command -v node >/dev/null 2>&1; then
    echo "$script: Node.js is not installed; install Node 20 (https://nodejs.org, or: apt-get install -y nodejs npm)" >&2
    exit 1
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "$script: Node $(node --version) is too old; the project needs Node 20 or newer" >&2
    exit 1
  fi
  if [ ! -x "$TSLAB_BINARY" ]; then
    echo "$script: $TSLAB_BINARY is missing; install the npm dependencies first: npm ci" >&2
    exit 1
  fi
}
