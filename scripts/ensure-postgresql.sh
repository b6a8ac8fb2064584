#!/usr/bin/env bash
# Installs Debian's PostgreSQL 15 server for the tests against PostgreSQL when it is missing,
# as ensure-chromium.sh does for the browser: only the distribution's package.
set -euo pipefail
if [ -x /usr/lib/postgresql/15/bin/initdb ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian's postgresql for the tests against PostgreSQL..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
