"""The certificate PDF: one A4 page, text read back, marks, and the QR code read off the page."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from djdesk.documents.base.fonts import HEI
from djdesk.documents.base.marks import PageMarks
from djdesk.documents.cases.certificate import (
    CertificateDoc,
    build_certificate,
    check_line_lines,
    hyphen_lines,
)
from djdesk.documents.cases.qr import qr_matrix
from tests.helpers.pdf_text import flat_text, page_count, pdf_text

LINE = "DJZ1-511502003012-2026-015-20261123-D7CYSTFX"
DOC = CertificateDoc(
    serial="东风社区居证〔2026〕第015号",
    title="居住证明",
    community="宜宾市翠屏区东城街道东风社区",
    body="兹证明张三（男，公民身份号码：34052419800101001X），住东风小区1栋2单元301室，"
    "自2019年3月起在本社区居住。",
    purpose="子女入学",
    item_code="ZM-01",
    item_name="居住（租住）证明",
    catalog_version=1,
    legal_basis="《中华人民共和国城市居民委员会组织法》第三条",
    validity_months=3,
    subject_name="张三",
    subject_id_masked="340***********001X",
    applicant_phone_masked="138****5678",
    materials=("申请人居民身份证", "户口簿"),
    verification="查验原件",
    handler="李四",
    reviewer="王书记",
    contact_phone="0831-8221234",
    issued_on=date(2026, 11, 23),
    check_line=LINE,
)


def test_every_field_reads_back_on_one_page() -> None:
    pdf = build_certificate(DOC, invariant=True)
    assert page_count(pdf) == 1
    text = flat_text(pdf)
    for part in (
        "出具证明存根（社区留存）",
        "编号：东风社区居证〔2026〕第015号",
        "ZM-01居住（租住）证明（第1版目录）",
        "340***********001X",
        "兹证明张三（男，公民身份号码：34052419800101001X）",
        "特此证明。",
        "此证明仅用于子女入学。",
        "本证明自开具之日起3个月内有效。",
        "依据：《中华人民共和国城市居民委员会组织法》第三条（清单事项ZM-01）",
        "经办人：李四",
        "审核人：王书记",
        "联系电话：0831-8221234",
        "宜宾市翠屏区东城街道东风社区",
        "二〇二六年十一月二十三日",
        "（盖章）",
        f"验证码：{LINE}",
        "沿此线剪开",
    ):
        assert part in text, part
    assert "补打" not in text and "作废" not in text and "仅限公证" not in text


def test_limitation_reprint_and_void_marks() -> None:
    limited = flat_text(
        build_certificate(replace(DOC, limitation="仅限公证", validity_months=None))
    )
    assert "本证明仅限公证使用，用于其他用途无效。" in limited and "个月内有效" not in limited
    marks = PageMarks(stamp="补打", stamp_detail="第 2 次补打")
    reprint = flat_text(build_certificate(DOC, marks=marks))
    # boxed on the 正本 and on the stub, and named in the stub's 备注
    assert reprint.count("第2次补打") == 3
    void = flat_text(build_certificate(replace(DOC, void_reason="信息有误")))
    assert void.count("作废") >= 3 and "已作废：信息有误" in void
    copy = PageMarks(stamp="副本", stamp_detail="第 1 次副本")
    filed = flat_text(build_certificate(replace(DOC, void_reason="信息有误"), marks=copy))
    assert "第1次副本" in filed and "已作废：信息有误" in filed


def test_the_check_line_breaks_only_at_its_hyphens() -> None:
    width = 124.0  # the column under the QR code, in points
    size, lines = check_line_lines(LINE, HEI, width)
    assert size == 6.5 and len(lines) == 2
    assert "".join(lines) == f"验证码：{LINE}"
    assert all(part.endswith("-") for part in lines[:-1])
    assert lines[-1] == "20261123-D7CYSTFX"  # the date and the code stay whole
    # A column too narrow for two lines at the usual size: the line is set smaller.
    small, narrow = check_line_lines(LINE, HEI, 80.0)
    assert small < 6.5 and len(narrow) <= 2
    assert hyphen_lines("AB-CD", HEI, 10, 1000) == ["AB-CD"]


def test_the_printed_check_line_is_never_cut_inside_a_piece() -> None:
    for number in (1, 15, 999):
        line = LINE.replace("-015-", f"-{number:03d}-")
        text = pdf_text(build_certificate(replace(DOC, check_line=line)))
        printed = [row for row in text.splitlines() if "验证码：" in row or "-D7CYSTFX" in row]
        pieces = "".join(printed).replace("验证码：", "")
        assert pieces.replace(" ", "") == line
        assert len(printed) == 2, printed
        assert printed[0].rstrip().endswith("-") and printed[1].strip() == "20261123-D7CYSTFX"


def test_long_wording_stays_on_one_page() -> None:
    long = replace(DOC, body=DOC.body * 4, community="某某省某某市某某区某某街道某某社区居民委员会")
    assert page_count(build_certificate(long)) == 1


def _qr_box(pdf: bytes, module: float) -> tuple[float, float, float, float]:
    """The QR symbol's box in PDF points, from the page's rectangle operators of module height."""
    boxes: list[tuple[float, float, float, float]] = []

    def visit(op: bytes, args: list[float], cm: list[float], tm: list[float]) -> None:
        if op == b"re" and abs(float(args[3]) - module) < 0.01:
            x, y = float(args[0]), float(args[1])
            a, b, c, d, e, f = (float(v) for v in cm)
            px, py = a * x + c * y + e, b * x + d * y + f
            boxes.append((px, py, px + float(args[2]), py + float(args[3])))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_operand_before=visit)
    assert boxes
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_the_qr_code_on_the_rendered_page_holds_the_check_line(tmp_path: Path) -> None:
    from djdesk.documents.cases.certificate import QR_SIZE
    from djdesk.documents.cases.qr import QUIET_ZONE

    pdf = build_certificate(DOC)
    expected = qr_matrix(LINE)
    n = len(expected)
    module = QR_SIZE / (n + 2 * QUIET_ZONE)
    x0, _y0, x1, y1 = _qr_box(pdf, module)
    assert x1 - x0 == pytest.approx(n * module, abs=0.5)
    (tmp_path / "c.pdf").write_bytes(pdf)
    dpi = 300
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(tmp_path / "c.pdf"), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    scale = dpi / 72
    height_pt = image.height / scale
    seen = []
    for r in range(n):
        row = []
        for c in range(n):
            x = (x0 + (c + 0.5) * module) * scale
            y = (height_pt - (y1 - (r + 0.5) * module)) * scale  # PDF y grows upward
            row.append(image.getpixel((round(x), round(y))) < 128)
        seen.append(row)
    assert seen == expected
