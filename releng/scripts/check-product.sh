#!/usr/bin/env bash
# Checks the built product archive: every native tool and workload the build made is in it, and
# executable (the feature lists the files to mark 755 one by one; a new workload must be added
# there), and that its start script runs the report and refuses a DXGSCOPE_HEAP that is no size.
# Run by test.sh after the build; exits 1 with what is missing or wrong.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
archive="$root/product/dev.dxgscope.product/target/products/dev.dxgscope.product-linux.gtk.x86_64.tar.gz"
[ -f "$archive" ] || { echo "dxgscope: no product archive at $archive" >&2; exit 1; }
listing=$(tar -tvzf "$archive")
bad=0
for f in dxgscope $(cd "$root/native-probe/target/dist" && ls -d bin/* workloads/*); do
    line=$(grep -E " (\./)?$f\$" <<<"$listing" || true)
    if [ -z "$line" ]; then
        echo "dxgscope: the product archive lacks $f" >&2
        bad=1
    elif [[ ${line:3:1} != x ]]; then
        echo "dxgscope: $f is not executable in the product archive (${line%% *}); list it in features/dev.dxgscope.feature/build.properties" >&2
        bad=1
    fi
done
# The start script: the report runs headless with the memory DXGSCOPE_HEAP gives, and a value
# that is no size is refused before Java starts.
product="$root/product/dev.dxgscope.product/target/products/dev.dxgscope.product/linux/gtk/x86_64"
if ! DXGSCOPE_HEAP=256m "$product/dxgscope" report --help >/dev/null 2>&1; then
    echo "dxgscope: '$product/dxgscope report --help' failed with DXGSCOPE_HEAP=256m" >&2
    bad=1
fi
status=0
said=$(DXGSCOPE_HEAP=8gb "$product/dxgscope" report --help 2>&1) || status=$?
if [ $status -ne 2 ] || ! grep -q "DXGSCOPE_HEAP=8gb is no size" <<<"$said"; then
    echo "dxgscope: the start script took DXGSCOPE_HEAP=8gb (status $status): $said" >&2
    bad=1
fi
[ $bad -eq 0 ] && echo "dxgscope: product archive checked: the start script, tools and workloads are executable;" \
    "the script's report runs and checks DXGSCOPE_HEAP"
exit $bad
