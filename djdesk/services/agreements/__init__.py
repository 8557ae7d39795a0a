"""The agreements area: 共驻共建协议书 and 区域化党建目标责任书 with units' Party organisations,
their editable clause templates, printing (PDF and Word, registered) and the 党群连心卡.

Modules: :mod:`.types` (public types), :mod:`.records` (drafts, signing, termination,
renewal, lists), :mod:`.rules` (checks), :mod:`.scans` (signed copies), :mod:`.templates`
and :mod:`.template_rules` (versions, checks), :mod:`.placeholders`, :mod:`.compose` (text),
:mod:`.printing` (agreements), :mod:`.cards` (连心卡), :mod:`.area` and :mod:`.demo`.
"""
