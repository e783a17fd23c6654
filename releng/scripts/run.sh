#!/usr/bin/env bash
# Builds dxgscope if the sources changed since the last product build, then opens the workbench
# from the built product. Arguments go to the workbench; 'run.sh report FILE ...' runs the
# headless report instead (see docs/REPORT.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
caller=$PWD # files named on the command line are the caller's, relative to where it stands
cd "$root"
product=$root/product/dev.dxgscope.product/target/products/dev.dxgscope.product/linux/gtk/x86_64
archive=product/dev.dxgscope.product/target/products/dev.dxgscope.product-linux.gtk.x86_64.tar.gz
# shellcheck source=env.sh
source releng/scripts/env.sh

needs_build() {
    [ -x "$product/dxgscope" ] && [ -f "$archive" ] || return 0
    [ -n "$(find pom.xml plugins features product native-probe releng \
        -path '*/target' -prune -o -path '*/linux-x86-64' -prune -o -type f -newer "$archive" -print -quit)" ]
}
if needs_build; then
    echo "dxgscope: building (sources changed since the last build) ..." >&2
    "$DXGSCOPE_MVN" -B -ntp -q -DskipTests clean verify >&2 # the build talks on stderr: a report's stdout stays its own
fi
if [ $# -eq 0 ]; then
    set -- --demo # the embedded default: the reference workloads on the simulator, live
fi
cd "$caller"
exec "$product/dxgscope" "$@"
