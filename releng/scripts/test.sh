#!/usr/bin/env bash
# Runs every dxgscope test: native (CTest), Java unit tests and UI tests of the real workbench
# under Xvfb, then builds the product archive and checks its tools are executable. Installs Xvfb/GTK when missing, selects a JDK >= 21
# and Maven >= 3.9.9 (bootstrapped when needed). Extra arguments go to Maven.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
releng/scripts/install-test-deps.sh
# shellcheck source=env.sh
source releng/scripts/env.sh
# shellcheck source=xvfb.sh
source releng/scripts/xvfb.sh
dxgs_start_xvfb
start=$(date +%s)
"$DXGSCOPE_MVN" -B -ntp clean verify "$@"
releng/scripts/check-product.sh
echo "dxgscope: all tests passed in $(( $(date +%s) - start )) s."
echo "dxgscope: UI test screenshots: plugins/dev.dxgscope.app.tests/target/screenshots/"
echo "dxgscope: product archive: product/dev.dxgscope.product/target/products/dev.dxgscope.product-linux.gtk.x86_64.tar.gz"
