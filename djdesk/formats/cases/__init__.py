"""Files of the 服务事项 area: catalogue files, the blocked-certificate list, register and
statistics workbooks."""
