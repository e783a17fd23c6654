#!/usr/bin/env bash
# Installs what the UI tests need from Debian's packages when it is missing: Xvfb, GTK 3 and a
# font. Runs apt-get as root (or through passwordless sudo); otherwise says what to install.
set -euo pipefail
packages=(xvfb libgtk-3-0 fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    echo "dxgscope: the UI tests need the packages ${missing[*]}; install them with 'sudo apt-get install ${missing[*]}'." >&2
    exit 1
fi
echo "dxgscope: installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/dxgscope-apt.log 2>&1; then
    "${sudo[@]}" apt-get update -q >>/tmp/dxgscope-apt.log 2>&1 || true
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >>/tmp/dxgscope-apt.log 2>&1 || {
        echo "dxgscope: apt-get could not install ${missing[*]} (log: /tmp/dxgscope-apt.log)." >&2
        exit 1
    }
fi
