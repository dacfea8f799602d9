#!/usr/bin/env bash
# Registers the tslab (TypeScript) kernel of this checkout with Jupyter.
#
#   bash src/scripts/notebooks/setup-kernel.sh           # project-local registry (.cache/jupyter)
#   bash src/scripts/notebooks/setup-kernel.sh --user    # also the per-user registry (plain `jupyter lab`)
#
# Needs: `npm ci` done (node_modules/.bin/tslab), and a Python with jupyter_client and
# IPython: the project's .venv-lab (made by `npm run lab`), the conda env of
# environment.yml, or Debian's `apt-get install -y python3-jupyter-client python3-ipykernel`.
# Set HKD_PYTHON to pick a Python explicitly.
# Checks that tslab's zeromq native module loads (npm's install scripts are off in .npmrc;
# zeromq 6 ships prebuilt binaries for linux/darwin/win32 x64, so no build step is needed
# there; elsewhere this script rebuilds it, which needs cmake and a C++ compiler).

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"
require_node setup-kernel

if ! node -e "require('zeromq')" 2>/dev/null; then
  echo "setup-kernel: zeromq's native module does not load; rebuilding it (needs cmake, a C++ compiler)" >&2
  npm rebuild zeromq --ignore-scripts=false
  node -e "require('zeromq')"
fi
echo "setup-kernel: zeromq $(node -p "require('zeromq/package.json').version") native module loads"

if ! PYTHON="$(find_python jupyter_client IPython)"; then
  echo "setup-kernel: no Python with jupyter_client and IPython found. One of:" >&2
  echo "  npm run lab         (creates .venv-lab with JupyterLab and registers the kernel)" >&2
  echo "  apt-get install -y python3-jupyter-client python3-ipykernel     (Debian/Ubuntu)" >&2
  echo "  conda env create -f environment.yml && conda activate hkd" >&2
  exit 1
fi

"$TSLAB_BINARY" install --python="$PYTHON" --binary="$TSLAB_BINARY" --prefix="$JUPYTER_PREFIX"
if [ "${1:-}" = "--user" ]; then
  "$TSLAB_BINARY" install --python="$PYTHON" --binary="$TSLAB_BINARY" --user
fi

# Ask jupyter_client itself (the `jupyter kernelspec` command is a separate Debian
# package, jupyter-client, that may be missing while the Python module is present).
if ! "$PYTHON" - "$TSLAB_BINARY" <<'PYTHON_CHECK'
import json, sys
from jupyter_client.kernelspec import KernelSpecManager
specs = KernelSpecManager().find_kernel_specs()
if 'tslab' not in specs:
    sys.exit(f"setup-kernel: Jupyter does not list a tslab kernel (it lists: {', '.join(sorted(specs)) or 'none'})")
with open(f"{specs['tslab']}/kernel.json") as handle:
    argv = json.load(handle)['argv']
if argv[0] != sys.argv[1]:
    sys.exit(f"setup-kernel: Jupyter's tslab kernel at {specs['tslab']} starts {argv[0]}, not {sys.argv[1]}")
print(f"setup-kernel: Jupyter lists tslab at {specs['tslab']}")
PYTHON_CHECK
then
  echo "setup-kernel: JUPYTER_PATH=$JUPYTER_PATH; rerun: npm run setup:kernel" >&2
  exit 1
fi
echo "setup-kernel: tslab $("$TSLAB_BINARY" --version) registered for $PYTHON"
