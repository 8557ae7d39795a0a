"""The document register's contribution to the shared parts: its tables counted (概览, ``djdesk
info``, backups) and its columns labelled for the audit log."""

from __future__ import annotations

from djdesk.db.models.documents import DocumentOutput, DocumentRecord
from djdesk.services.areas import AreaSpec, CountedTable

FIELD_LABELS = {
    "document_record": {
        "kind": "文书种类",
        "title": "文书名称",
        "serial": "文书编号",
        "subject_table": "所属记录类别",
        "subject_uid": "所属记录",
        "subject_label": "当事人/单位",
        "template_version": "模板版本",
        "file_format": "文件格式",
        "copy_number": "补打次数",
        "mark": "页面标记",
        "reason": "补打原因",
        "reprintable": "可补打",
        "payload": "文书内容",
        "pages": "页数",
        "size_bytes": "文件大小",
        "sha256": "内容校验值",
        "created_by": "出具人",
        "created_by_name": "出具人姓名",
        "created_at": "出具时间",
    },
    "document_output": {
        "document_id": "文书",
        "target_kind": "输出方式",
        "target": "文件或打印机",
        "copies": "份数",
        "by": "操作人",
        "by_name": "操作人姓名",
        "at": "输出时间",
    },
}

AREA = AreaSpec(
    key="documents",
    title="文书登记",
    order=5,
    counted_tables=(
        CountedTable("document_record", "文书登记", DocumentRecord),
        CountedTable("document_output", "打印与保存记录", DocumentOutput),
    ),
    field_labels=FIELD_LABELS,
)
