#!/usr/bin/env bash
# Quick start: install what djdesk needs, fill a demo database and open the application.
# Usage: bash scripts/start.sh [DATA_DIR]   (default data folder: ~/djdesk-demo)
# Run again on the same folder it adds no second demo (djdesk demo skips a folder that has one).
# Without a display it opens the main window offscreen once as a self-check and exits with its
# result (0 and "自检通过：…", or 1 and the reason).
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
djdesk_install_system_packages
djdesk_make_venv
data_dir="${1:-$HOME/djdesk-demo}"
echo ">> .venv/bin/djdesk --data-dir $data_dir demo"
.venv/bin/djdesk --data-dir "$data_dir" demo
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "没有检测到图形显示（DISPLAY 未设置）：以 offscreen 方式打开主窗口做一次自检后退出。"
    echo "在有桌面的机器上运行同一命令即可打开窗口。"
    echo ">> QT_QPA_PLATFORM=offscreen .venv/bin/djdesk --data-dir $data_dir --smoke-test"
    QT_QPA_PLATFORM=offscreen exec .venv/bin/djdesk --data-dir "$data_dir" --smoke-test
fi
echo ">> .venv/bin/djdesk --data-dir $data_dir"
exec .venv/bin/djdesk --data-dir "$data_dir"
