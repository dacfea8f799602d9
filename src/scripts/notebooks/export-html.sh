#!/usr/bin/env bash
# Renders the executed notebooks (notebooks/executed/*.ipynb, made by
# run-notebooks.sh) to standalone HTML beside them. Nothing needs the network: plotly.js
# is inlined once per notebook by the first figure, and MathJax (npm package mathjax)
# is inlined for the formulas by inline-math.mjs.
#
#   bash src/scripts/notebooks/export-html.sh [notebooks/executed/NAME.ipynb ...]

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"
if ! PYTHON="$(find_python nbconvert)"; then
  echo "export-html: no Python with nbconvert: apt-get install -y jupyter-nbconvert (or npm run lab, whose .venv-lab has it)" >&2
  exit 1
fi
if [ $# -gt 0 ]; then files=("$@"); else mapfile -t files < <(ls "$EXECUTED_DIRECTORY"/*.ipynb 2>/dev/null); fi
if [ ${#files[@]} -eq 0 ]; then
  echo "export-html: no executed notebooks in $EXECUTED_DIRECTORY: run 'npm run notebooks:run' first" >&2
  exit 1
fi
"$PYTHON" -m nbconvert --to html --output-dir "$EXECUTED_DIRECTORY" "${files[@]}"
html_files=()
for file in "${files[@]}"; do html_files+=("$EXECUTED_DIRECTORY/$(basename "$file" .ipynb).html"); done
node "$PROJECT_ROOT/src/scripts/notebooks/inline-math.mjs" "${html_files[@]}"
ls -la "$EXECUTED_DIRECTORY"/*.html
