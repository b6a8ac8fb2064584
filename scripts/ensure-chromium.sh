#!/usr/bin/env bash
# Installs Debian's chromium for the end-to-end tests when it is missing. Never downloads a
# browser build of its own: only the distribution's package.
set -euo pipefail
if command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian's chromium for the end-to-end tests..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
