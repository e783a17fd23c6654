#!/usr/bin/env bash
# Checks the built product archive: every native tool and workload the build made is in it, and
# executable (the feature lists the files to mark 755 one by one; a new workload must be added
# there). Run by test.sh after the build; exits 1 with the files that are missing or not executable.
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
[ $bad -eq 0 ] && echo "dxgscope: product archive checked: the start script, tools and workloads are executable"
exit $bad
