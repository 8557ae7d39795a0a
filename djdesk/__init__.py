"""djdesk: offline front-desk software for community Party-mass service centres
(社区党群服务中心)."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "djdesk"
APP_TITLE = "党群服务中心前台工作台"
