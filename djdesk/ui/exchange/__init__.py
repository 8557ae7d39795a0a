"""数据交换 screens: export, import with its dry run, keys, registered sites, street reports."""
