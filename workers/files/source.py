"""Reading and writing source files without disturbing what a fixer does not mean to change.

A file is decoded the way Python reads it (BOM, then coding cookie, default UTF-8), line endings
are normalised to "\\n" for the parsers and restored on the way out, and a missing final newline
stays missing. A file whose bytes would not survive that round trip (mixed line endings, say) is
refused rather than rewritten.
"""
import codecs
import io
import tokenize
from dataclasses import dataclass


class SourceError(Exception):
    """The file cannot be read as Python source, or could not be written back byte for byte."""


@dataclass(frozen=True)
class Source:
    text: str  # decoded, "\n" line endings, always ends with "\n" (parsers need it)
    encoding: str  # codec name used to decode (without the BOM)
    bom: bool
    newline: str
    had_final_newline: bool

    def encode(self, text):
        """The bytes of `text` (same shape as .text) written the way the original file was."""
        if not self.had_final_newline and text.endswith("\n"):
            text = text[:-1]
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as err:
            raise SourceError("cannot encode as %s: %s" % (self.encoding, err)) from None
        return (codecs.BOM_UTF8 + data) if self.bom else data


def _line_ending(data):
    crlf = data.count(b"\r\n")
    lone_lf = data.count(b"\n") - crlf
    lone_cr = data.count(b"\r") - crlf
    kinds = [(crlf, "\r\n"), (lone_lf, "\n"), (lone_cr, "\r")]
    used = [nl for count, nl in kinds if count]
    if len(used) > 1:
        raise SourceError("mixed line endings (%s)" % ", ".join(repr(nl) for nl in used))
    return used[0] if used else "\n"


def decode(data):
    """Decode file bytes into a Source; raises SourceError with a one-line reason."""
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as err:
        raise SourceError(str(err)) from None
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError) as err:
        raise SourceError("not valid %s: %s" % (encoding, err)) from None
    newline = _line_ending(body)
    if newline != "\n":
        text = text.replace(newline, "\n")
    had_final_newline = text.endswith("\n")
    if not text.endswith("\n"):
        text += "\n"
    source = Source(text, encoding, bom, newline, had_final_newline)
    if source.encode(text) != data:
        raise SourceError("bytes do not survive a decode/encode round trip")
    return source


def read(path):
    with open(path, "rb") as f:
        return decode(f.read())
