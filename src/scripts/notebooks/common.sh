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

# The Pythons find_python tries, in order: $HKD_PYTHON, the project's .venv-lab, python3 on
# PATH (a conda env's when activated), Debian's /usr/bin/python3. HKD_PYTHON_CANDIDATES
# (space-separated) replaces the list after $HKD_PYTHON; the scripts' tests use it so that a
# JupyterLab installed on the machine does not hide the code path they check.
PYTHON_CANDIDATES="${HKD_PYTHON_CANDIDATES:-$LAB_ENVIRONMENT/bin/python python3 /usr/bin/python3 python}"

# find_python MODULES...: prints the first Python that imports all MODULES.
find_python() {
  local check="import ${1}"
  shift
  for module in "$@"; do check="$check, $module"; done
  local candidate
  for candidate in ${HKD_PYTHON:-} $PYTHON_CANDIDATES; do
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

# ensure_lab_python SCRIPT: prints a Python with JupyterLab, jupyter_client and IPython.
# When there is none, creates the project-local $LAB_ENVIRONMENT with `python3 -m venv`
# and installs JupyterLab and the kernel dependencies with pip from the user's configured
# index (pip.conf, PIP_INDEX_URL). Every failure names what is missing and the fix.
LAB_PACKAGES=(jupyterlab ipykernel nbclient nbconvert)
ensure_lab_python() {
  local script="$1" found base
  if found="$(find_python jupyterlab jupyter_client IPython)"; then
    echo "$found"
    return 0
  fi
  if ! base="$(command -v python3)"; then
    echo "$script: python3 is not installed: apt-get install -y python3 python3-venv" >&2
    exit 1
  fi
  echo "$script: no Python with JupyterLab found; creating $LAB_ENVIRONMENT (once; 1-3 minutes)" >&2
  rm -rf "$LAB_ENVIRONMENT"
  # Debian/Ubuntu ship python3 without ensurepip's wheels: venv then fails until python3-venv is installed.
  if ! "$base" -m venv "$LAB_ENVIRONMENT" >&2; then
    rm -rf "$LAB_ENVIRONMENT"
    echo "$script: $base cannot create a virtual environment (venv/ensurepip missing). Fix:" >&2
    echo "  apt-get install -y python3-venv      (then run 'npm run lab' again)" >&2
    exit 1
  fi
  if ! install_lab_packages "$script"; then
    rm -rf "$LAB_ENVIRONMENT"
    echo "  Check your pip index ('python3 -m pip config list'; PIP_INDEX_URL), or use conda:" >&2
    echo "  conda env create -f environment.yml && conda activate hkd && npm run lab" >&2
    exit 1
  fi
  echo "$script: JupyterLab $("$LAB_ENVIRONMENT/bin/python" -c 'import jupyterlab; print(jupyterlab.__version__)') installed in $LAB_ENVIRONMENT" >&2
  echo "$LAB_ENVIRONMENT/bin/python"
}

# install_lab_packages SCRIPT: pip-installs LAB_PACKAGES into $LAB_ENVIRONMENT, quietly.
# pip's default of 5 retries with growing back-off costs about 8 s per package and index
# when one configured index is unreachable (12 minutes for JupyterLab's ~90 packages), so
# this install retries once with a 10 s socket timeout; PIP_RETRIES / PIP_TIMEOUT already in
# the environment win. pip's output goes to $LAB_PIP_LOG, not the terminal: on success one
# line says which index answered, on failure the log's tail and its path are printed.
LAB_PIP_LOG="$PROJECT_ROOT/.cache/lab-pip.log"
install_lab_packages() {
  local script="$1"
  mkdir -p "$(dirname "$LAB_PIP_LOG")"
  : >"$LAB_PIP_LOG"
  echo "$script: pip install ${LAB_PACKAGES[*]} (log: $LAB_PIP_LOG)" >&2
  if ! PIP_RETRIES="${PIP_RETRIES:-1}" PIP_TIMEOUT="${PIP_TIMEOUT:-10}" \
    "$LAB_ENVIRONMENT/bin/python" -m pip install --disable-pip-version-check --log "$LAB_PIP_LOG" "${LAB_PACKAGES[@]}" >>"$LAB_PIP_LOG" 2>&1; then
    echo "$script: pip could not install ${LAB_PACKAGES[*]}; the end of its log ($LAB_PIP_LOG):" >&2
    tail -n 25 "$LAB_PIP_LOG" | sed 's/^/  | /' >&2
    return 1
  fi
  echo "$script: $(answering_indexes "$LAB_PIP_LOG")" >&2
}

# answering_indexes LOG: one line naming the package indexes that answered pip (its --log has
# "Fetched page <index>/<project>/ as ..." per page served) and those that did not ("Could not
# fetch URL <index>/<project>/: ...").
index_roots() {
  sed -E 's#(/index\.html)?/?$##; s#/[^/]+$##' | sort -u | paste -sd' ' -
}
answering_indexes() {
  local answered unreachable
  answered="$(grep -oE 'Fetched page [^ ]+' "$1" | cut -d' ' -f3 | index_roots || true)"
  unreachable="$(grep -oE 'Could not fetch URL [^ ]+:' "$1" | cut -d' ' -f5 | sed 's/:$//' | index_roots || true)"
  if [ -n "$answered" ]; then
    echo "pip's packages came from $answered${unreachable:+ (unreachable, skipped: $unreachable)}"
  else
    echo "pip installed the packages (no index named in its log; see $1)"
  fi
}
