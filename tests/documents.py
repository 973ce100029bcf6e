"""Real documents written by the tests: a small PDF (a minimal PDF writer, one text line per row), a DOCX
(python-docx), and an HTML page like a ministry's press release with its menus and share buttons."""

from __future__ import annotations

import io
from datetime import datetime

import docx
from pypdf import PdfReader, PdfWriter


def pdf_bytes(pages: list[list[str] | bytes], title: str | None = None, author: str | None = None,
              created: str | None = None) -> bytes:
    """A PDF with ``pages`` of text lines in Helvetica (WinAnsi), or of raw drawing operators (bytes),
    and an information dictionary."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 2 * len(pages) + 1  # the page tree comes after every page and its content
    kids = []
    for lines in pages:
        stream = lines if isinstance(lines, bytes) else _text_operators(lines)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) \
        == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    fields = {"Title": title, "Author": author, "CreationDate": created}
    info = add(b"<< " + b" ".join(b"/%s (%s)" % (k.encode(), v.encode("cp1252")) for k, v in fields.items() if v)
               + b" >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, catalog, info, xref))
    return out.getvalue()


def _text_operators(lines: list[str]) -> bytes:
    rows = [b"BT /F1 11 Tf 14 TL 56 790 Td"]
    for line in lines:
        escaped = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        rows.append(b"(" + escaped + b") Tj T*")
    rows.append(b"ET")
    return b"\n".join(rows)


def encrypted_pdf(data: bytes, password: str = "rahasia") -> bytes:
    """The PDF encrypted with a user password (pypdf, RC4: no extra crypto library needed)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A page that only draws (as a scan's image does): no text layer."""
    return pdf_bytes([b"0.5 g 56 56 480 700 re f", b"0.2 g 100 100 300 300 re f"], title="Hasil pindaian")


def docx_bytes(title: str, author: str, created: datetime, blocks: list[tuple[str, str]]) -> bytes:
    """A Word document: ``blocks`` of ("h1" | "p", text), with core properties."""
    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.created = created
    for kind, text in blocks:
        if kind == "h1":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def press_release_html(title: str, ministry: str, paragraphs: list[str], views: int = 1220) -> bytes:
    """A ministry press-release page as saved from a browser: menus, view counter, share bar, related links, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} | {ministry} Republik Indonesia</title>
<meta property="og:site_name" content="{ministry} Republik Indonesia">
<meta property="og:title" content="{title}">
</head><body>
<header><div class="logo">{ministry}</div><nav><ul><li><a href="/">Beranda</a></li><li><a href="/profil">Profil</a></li>
<li><a href="/berita">Berita</a></li><li><a href="/ppid">PPID</a></li><li><a href="/kontak">Kontak</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="meta"><span>Dibaca {views} kali</span> | <span>Admin</span></div>
<div class="share">Bagikan: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
{body}
<div class="tags">Tags: siaran pers</div>
</article></main>
<aside><h3>Berita Terkait</h3><ul><li><a href="/a">Panen raya di Jawa Timur</a></li><li><a href="/b">Ekspor kopi naik</a></li></ul></aside>
<footer>Hak Cipta © 2025 {ministry}. Ikuti kami di Instagram dan YouTube.</footer>
</body></html>""".encode()
