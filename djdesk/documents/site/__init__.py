"""Site documents: the 站点信息表."""
