#!/usr/bin/env bash
# Screenshots of executed notebooks as a newcomer first sees them: each HTML page (written by
# `npm run notebooks:html`) is opened in headless Chromium, 1280 px wide, and its first
# HKD_SCREENSHOT_HEIGHT pixels (default 3000) are saved as docs/screenshots/NAME.png.
#
#   bash src/scripts/notebooks/screenshot.sh [notebooks/executed/NN-name.html ...]
#   npm run notebooks:screenshots -- notebooks/executed/04-distillation.html
#
# Without arguments every notebooks/executed/[0-9]*.html is taken. Chromium waits up to
# 20 s of virtual time so that Plotly and MathJax finish drawing. Needs chromium (Debian:
# apt-get install -y chromium) or set HKD_CHROMIUM to the browser's binary.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"

height="${HKD_SCREENSHOT_HEIGHT:-3000}"
output_directory="$PROJECT_ROOT/docs/screenshots"
browser="${HKD_CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
      browser="$(command -v "$candidate")"
      break
    fi
  done
fi
if [ -z "$browser" ]; then
  echo "screenshot: no Chromium found; install it (apt-get install -y chromium) or set HKD_CHROMIUM" >&2
  exit 1
fi

pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then
  mapfile -t pages < <(ls "$EXECUTED_DIRECTORY"/[0-9]*.html 2>/dev/null | sort)
fi
if [ ${#pages[@]} -eq 0 ]; then
  echo "screenshot: no executed HTML in $EXECUTED_DIRECTORY: run 'npm run notebooks:html' first" >&2
  exit 1
fi

mkdir -p "$output_directory"
log="$PROJECT_ROOT/.cache/screenshot-chromium.log"
mkdir -p "$(dirname "$log")"
: >"$log"
failed=0
for page in "${pages[@]}"; do
  if [ ! -f "$page" ]; then
    echo "screenshot: $page does not exist" >&2
    failed=1
    continue
  fi
  target="$output_directory/$(basename "$page" .html).png"
  # Chromium prints harmless warnings (dbus, GPU) on stderr: they go to the log, not the terminal.
  if "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --virtual-time-budget=20000 --window-size="1280,$height" \
    --screenshot="$target" "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" >>"$log" 2>&1 &&
    [ -s "$target" ]; then
    echo "screenshot: ${target#"$PROJECT_ROOT"/} (1280x$height)"
  else
    echo "screenshot: Chromium could not capture $page (its log: $log)" >&2
    failed=1
  fi
done
exit "$failed"
