# shellcheck shell=bash
# Sourced: starts a private Xvfb on a free display when DISPLAY is unset (or forced with
# DXGSCOPE_XVFB=1), exports DISPLAY and stops the server when the calling script exits.
dxgs_start_xvfb() {
    if [ -n "${DISPLAY:-}" ] && [ "${DXGSCOPE_XVFB:-0}" != 1 ]; then
        return 0
    fi
    command -v Xvfb >/dev/null 2>&1 || dxgs_die "needs Xvfb for the UI tests; install it with 'apt-get install xvfb'."
    local n
    for n in $(seq 90 130); do
        [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break
    done
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/tmp/dxgscope-xvfb-$n.log 2>&1 &
    DXGSCOPE_XVFB_PID=$!
    trap 'kill $DXGSCOPE_XVFB_PID 2>/dev/null || true' EXIT
    local i
    for i in $(seq 1 100); do
        [ -e "/tmp/.X11-unix/X$n" ] && break
        kill -0 "$DXGSCOPE_XVFB_PID" 2>/dev/null || dxgs_die "Xvfb :$n did not start (log: /tmp/dxgscope-xvfb-$n.log)."
        sleep 0.1
    done
    export DISPLAY=":$n"
}
