"""Small PDFs written by hand for the tests: pages of text lines in Helvetica, an optional
document information dictionary, or a page with no text at all (a scan)."""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _line(line: str | tuple[str, int]) -> str:
    """A line at 11 pt, or (text, size) at `size` pt (the lines after it at 11 pt again)."""
    if isinstance(line, str):
        return f"({_escape(line)}) '"
    text, size = line
    return f"/F1 {size} Tf ({_escape(text)}) ' /F1 11 Tf"


def tiny_pdf(pages: list[list[str]] | list[list[str | tuple[str, int]]], info: dict[str, str] | None = None, xmp: str | None = None) -> bytes:
    """A valid PDF whose page N shows the lines `pages[N]` (an empty list: a page without text),
    each at 11 pt or, given as (text, size), at `size` pt, with a document information dictionary
    `info` and an XMP packet `xmp` if given."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    font = 3 + 2 * count
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    for i, lines in enumerate(pages):
        stream = "BT /F1 11 Tf 14 TL 72 740 Td " + " ".join(_line(line) for line in lines) + " ET" if lines else ""
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode())
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    if xmp:
        packet = xmp.encode()
        objects.append(f"<< /Type /Metadata /Subtype /XML /Length {len(packet)} >>\nstream\n".encode() + packet + b"\nendstream")
        objects[0] = f"<< /Type /Catalog /Pages 2 0 R /Metadata {len(objects)} 0 R >>".encode()
    if info:
        objects.append(("<< " + " ".join(f"/{k} ({_escape(v)})" for k, v in info.items()) + " >>").encode())
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R" + (f" /Info {len(objects)} 0 R" if info else "") + " >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
