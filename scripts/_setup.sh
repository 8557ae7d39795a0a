# Shared set-up for scripts/start.sh and scripts/test.sh (sourced, not run).
# Installs the system libraries Qt needs on Debian/Ubuntu (when run as root and something is
# missing), creates .venv with the project's Python, and installs djdesk into it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

QT_RUNTIME_DEBS=(libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
    libfreetype6 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-xinerama0 libxcb-image0 libxcb-xkb1
    libxrender1 libxi6 libx11-xcb1)

djdesk_install_system_packages() {
    local extra=("$@") missing=() pkg
    command -v dpkg >/dev/null 2>&1 || return 0
    python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv python3-pip)
    for pkg in "${QT_RUNTIME_DEBS[@]}" "${extra[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "缺少系统软件包：${missing[*]}" >&2
        echo "请以 root 运行：apt-get install -y ${missing[*]}" >&2
        return 1
    fi
    echo ">> apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# djdesk_make_venv [EXTRAS]: with no extras the requirement is plain ".", because pip refuses
# an empty extras list (".[]").
djdesk_make_venv() {
    local extras="${1:-}" target="."
    if [ -n "$extras" ]; then target=".[$extras]"; fi
    if [ ! -x .venv/bin/python ]; then
        echo ">> python3 -m venv .venv"
        python3 -m venv .venv
    fi
    .venv/bin/python -m pip install --quiet --upgrade pip
    echo ">> pip install -e $target"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
}

# djdesk_start_pdf_printer: a real printer for the printing tests. As root on Linux with CUPS
# installed (cups, printer-driver-cups-pdf), start cupsd when it is not running and create the
# queue "djdesk-pdf" whose backend writes every job as a PDF (to ~/PDF of the printing user).
# Elsewhere it says why not and the CUPS tests skip themselves.
djdesk_start_pdf_printer() {
    local queue=djdesk-pdf ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
    if [ "$(id -u)" -ne 0 ] || ! command -v cupsd >/dev/null 2>&1; then
        echo ">> CUPS PDF printer not set up (needs root and cups); the CUPS tests will be skipped"
        return 0
    fi
    if ! lpstat -r 2>/dev/null | grep -q "is running"; then
        echo ">> starting cupsd"
        cupsd
        for _ in $(seq 1 50); do
            lpstat -r 2>/dev/null | grep -q "is running" && break
            sleep 0.2
        done
    fi
    if ! lpstat -v "$queue" >/dev/null 2>&1; then
        echo ">> lpadmin -p $queue (cups-pdf)"
        lpadmin -p "$queue" -E -v cups-pdf:/ -P "$ppd" 2>/dev/null \
            || lpadmin -p "$queue" -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
    fi
    lpstat -v "$queue"
}
