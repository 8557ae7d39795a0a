"""The official-style A4 page every printed document shares (simplified GB/T 9704 公文 layout).

:func:`build_document` turns a :class:`DocumentMeta` and a story builder into PDF bytes: margins,
the issuing-organisation header (发文机关标志) with its red rule, the title and serial line, the
footer with "第 X 页 / 共 Y 页" and a small-print line, the 补打 stamp and state watermark
(:mod:`~djdesk.documents.base.marks`), and the PDF metadata. Styles live in
:mod:`~djdesk.documents.base.styles`, story blocks in :mod:`~djdesk.documents.base.blocks`.
Pure: data in, bytes out; no files, no database.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.flowables import HRFlowable

from djdesk import APP_NAME
from djdesk.documents.base.fonts import HEI, SONG
from djdesk.documents.base.marks import NO_MARKS, PageMarks, draw_marks
from djdesk.documents.base.styles import (
    BOTTOM_MARGIN,
    FAINT,
    FRAME_WIDTH,
    INK,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    RIGHT_MARGIN,
    TOP_MARGIN,
    DocumentStyles,
    StrokedParagraph,
    make_styles,
    para,
)


@dataclass(frozen=True)
class DocumentMeta:
    """What a document is: its title, who issues it, and how its front matter looks."""

    title: str
    issuer: str
    subject: str = ""
    serial: str = ""
    keywords: tuple[str, ...] = ()
    footer_note: str = ""
    header: bool = True  # print the issuer as 发文机关标志 above the title
    header_red: bool = True
    front_matter: bool = True  # False: the story places header/title itself (e.g. stub + copy)
    #: 补打/副本 stamp and state watermark over every page (see :mod:`.marks`).
    marks: PageMarks = NO_MARKS


def front_matter(meta: DocumentMeta, styles: DocumentStyles) -> list[Flowable]:
    """Header (issuer, shrunk to fit one line down to 18 pt, then wrapped), rule, title, serial."""
    out: list[Flowable] = []
    if meta.header:
        color = RED if meta.header_red else INK
        natural = stringWidth(meta.issuer, SONG, 1) or 1
        size = max(18.0, min(styles.header.fontSize, (styles.width - 2) / natural))
        header = ParagraphStyle(
            "header-fit", styles.header, fontSize=size, leading=size * 1.25, textColor=color
        )
        out += [
            StrokedParagraph(meta.issuer, header, stroke=size * 0.035),
            Spacer(1, 2 * mm),
            HRFlowable(width="100%", thickness=1.5, color=color, spaceBefore=0, spaceAfter=4 * mm),
        ]
    out.append(StrokedParagraph(meta.title, styles.title, stroke=0.7))
    if meta.serial:
        out.append(para(f"编号：{meta.serial}", styles.serial))
    else:
        out.append(Spacer(1, styles.serial.spaceAfter + 4))
    return out


StoryBuilder = Callable[[DocumentStyles], Sequence[Flowable]]


def _numbered_canvas(footer_note: str, marks: PageMarks = NO_MARKS) -> type[Canvas]:
    """A canvas that holds pages back until the end, so each footer can say 共 Y 页."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            centre = LEFT_MARGIN + FRAME_WIDTH / 2
            self.saveState()
            self.setFont(SONG, 10.5)
            page_line = f"第 {number} 页 / 共 {total} 页"
            self.drawCentredString(centre, BOTTOM_MARGIN - 12 * mm, page_line)
            if footer_note:
                self.setFillColor(FAINT)
                self.setFont(HEI, 8)
                self.drawCentredString(centre, BOTTOM_MARGIN - 20 * mm, footer_note)
            self.restoreState()
            draw_marks(self, marks, PAGE_WIDTH, PAGE_HEIGHT)

    return NumberedCanvas


def build_document(
    meta: DocumentMeta, story_builder: StoryBuilder, *, invariant: bool = False
) -> bytes:
    """Lay out one A4 document and return the PDF bytes.

    ``invariant`` fixes the creation date and document id, so equal input gives equal bytes.
    """
    styles = make_styles()
    story = list(front_matter(meta, styles)) if meta.front_matter else []
    story += story_builder(styles)
    buffer = io.BytesIO()
    frame = Frame(
        LEFT_MARGIN,
        BOTTOM_MARGIN,
        FRAME_WIDTH,
        PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate(id="official", frames=[frame])],
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=meta.title,
        author=meta.issuer,
        subject=meta.subject,
        creator=APP_NAME,
        keywords=list(meta.keywords),
        lang="zh-CN",
        displayDocTitle=1,
        initialFontName=SONG,
        initialFontSize=12,  # no stray unembedded Helvetica
        invariant=1 if invariant else 0,
    )
    doc.build(story, canvasmaker=_numbered_canvas(meta.footer_note, meta.marks))
    return buffer.getvalue()
