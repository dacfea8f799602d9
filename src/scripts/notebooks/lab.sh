#!/usr/bin/env bash
# Opens JupyterLab on notebooks/ with this checkout's tslab kernel.
#
#   bash src/scripts/notebooks/lab.sh [extra jupyter lab arguments, e.g. --no-browser --port 8888]
#
# Needs JupyterLab: the conda env of environment.yml, or `pip install jupyterlab`.
# Build first (`npm run build`): the notebooks import ../dist.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"
if ! PYTHON="$(find_python jupyterlab jupyter_client)"; then
  echo "lab: no Python with JupyterLab found. Either:" >&2
  echo "  conda env create -f environment.yml && conda activate hkd" >&2
  echo "  python3 -m pip install jupyterlab      (or set HKD_PYTHON=/path/to/python)" >&2
  exit 1
fi
if [ ! -f "$JUPYTER_PREFIX/share/jupyter/kernels/tslab/kernel.json" ]; then
  HKD_PYTHON="$PYTHON" bash "$PROJECT_ROOT/src/scripts/notebooks/setup-kernel.sh"
fi
[ -f "$PROJECT_ROOT/dist/plots/index.js" ] || echo "lab: dist/ is not built yet: run 'npm run build'" >&2
# Jupyter refuses to start as root unless told; containers and CI machines often run as root.
root_flag=()
[ "$(id -u)" = "0" ] && root_flag=(--allow-root)
exec "$PYTHON" -m jupyter lab --notebook-dir="$NOTEBOOK_DIRECTORY" "${root_flag[@]}" "$@"
