#!/bin/sh
# 一门 OneDoor — start a waiting-hall board on a wall TV (Linux player, Chromium), so that it speaks with nobody to tap it.
#
#   onedoor-board.sh http://hall:8080/display/              main board (pair once with the code from the console)
#   onedoor-board.sh 'http://hall:8080/display/?window=w12' a window strip
#
# - --autoplay-policy=no-user-gesture-required: the chime and the voice play without a tap (else the board shows
#   「声音已关闭 · 点击开启」and tells the console its sound is blocked);
# - a profile of its own (--user-data-dir) keeps the pairing and the calls decided across reboots: never --incognito;
# - --kiosk full screen, no error dialogs or crash bubbles, no translate bar; the screen never blanks.
# Linux needs speech-dispatcher with a Mandarin voice for speechSynthesis (display-board/README.md, Voice).
set -eu
URL="${1:-${ONEDOOR_BOARD_URL:-http://localhost:8080/display/}}"
PROFILE="${ONEDOOR_BOARD_PROFILE:-${XDG_CONFIG_HOME:-$HOME/.config}/onedoor-board}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [ -z "$CHROMIUM" ]; then
  echo "找不到 Chromium / Chrome（apt-get install chromium）/ Chromium not found: set CHROMIUM=/path/to/chromium" >&2
  exit 1
fi

# Keep the TV awake (X11; harmless elsewhere).
xset s off -dpms 2>/dev/null || true

exec "$CHROMIUM" \
  --kiosk \
  --user-data-dir="$PROFILE" \
  --autoplay-policy=no-user-gesture-required \
  --enable-speech-dispatcher \
  --noerrdialogs \
  --disable-session-crashed-bubble \
  --disable-infobars \
  --disable-translate \
  --no-first-run \
  --check-for-update-interval=31536000 \
  "$URL"
