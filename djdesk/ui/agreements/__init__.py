"""The agreements area's screens: 协议管理 (the list, the agreement and responsibility-book form
with its task table, printing and Word copies, signing, scans, termination, renewal, the
即将到期 list with batch printing, the 党群连心卡) and the administrators' 文书模板 editor with its
live preview."""
