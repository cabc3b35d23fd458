"""Notes files' bytes as text, the way teachers' files come: UTF-8 with or without a BOM, UTF-16
with a BOM (Windows' "Unicode" text), Windows-1252 (old Word and Notepad), and files pasted
together from both, read line by line so that neither half turns into mojibake.

Anything else is not a text file: a NUL byte, control characters that text never holds, or
Unicode non-characters (U+FFFE, U+FDD0...) mean the bytes are binary, and the error says where.
A few stray control characters in real text (a bell from an old terminal) are dropped with a
warning; Word's manual line break (VT) and a page break (FF, as pdftotext writes) are line breaks.
"""

from __future__ import annotations

import codecs
import re

from ..errors import StudypackError


class NotText(StudypackError):
    """The bytes are not text in any encoding teachers' files come in."""

    exit_code = 2


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 and C1 controls but tab, LF, CR (VT and FF are taken as line breaks first), and non-characters
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_NONCHAR = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")
_HINT = "export the notes as text, Markdown, CSV or TSV, or give the Word, PowerPoint or Anki file itself"


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """The text of a notes file and the warnings about how it was read; NotText when it is binary."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(codec), path, [])
            except UnicodeDecodeError as e:
                if codec != "utf-8":
                    raise NotText(f"{path}: is not a text file (it starts as {codec.upper()} text, but byte "
                                  f"{e.start + len(bom)} is not; {_HINT})") from None  # fmt: skip
                break  # a UTF-8 BOM over lines from elsewhere: read line by line below
    guessed = _utf16_without_bom(data)
    if guessed:
        text, warnings = _checked(data.decode(guessed), path, [])
        return text, [f"{path}: warning: no byte order mark; read as {guessed.upper()}", *warnings]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise NotText(
            f"{path}:{line}: is not a text file (it holds NUL bytes, which text never does; {_HINT})"
        )
    body = data[3:] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return _checked(body.decode("utf-8"), path, [])
    except UnicodeDecodeError:
        pass
    return _mixed(body, path)


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 saved without a BOM: mostly-Latin text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.05 * len(even):
        codec = "utf-16-le"
    elif even.count(0) > 0.7 * len(even) and odd.count(0) < 0.05 * len(odd):
        codec = "utf-16-be"
    else:
        return ""
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return ""
    return codec


def _mixed(data: bytes, path: str) -> tuple[str, list[str]]:
    """Line by line: UTF-8 where a line is UTF-8, Windows-1252 where it is not (files pasted
    together from two programs); the warning names the lines read as Windows-1252."""
    out, old = [], []
    for n, raw in enumerate(data.split(b"\n"), 1):
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(raw.decode("cp1252"))
            except UnicodeDecodeError as e:
                raise NotText(f"{path}:{n}: is not a text file (byte 0x{raw[e.start]:02x} is neither UTF-8 "
                              f"nor Windows-1252; {_HINT})") from None  # fmt: skip
            old.append(n)
    some_utf8 = any(not ln.isascii() for i, ln in enumerate(out, 1) if i not in set(old))
    where = _lines(old)
    warning = (
        f"{path}: warning: {where} read as Windows-1252, the rest as UTF-8 (check the accents there)"
        if some_utf8
        else f"{path}: warning: not UTF-8 ({where}); read as Windows-1252"
    )
    return _checked("\n".join(out), path, [warning])


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:8])) + (f" and {len(numbers) - 8} more" if len(numbers) > 8 else "")
    return f"line{'s' if len(numbers) > 1 else ''} {shown}"


def _checked(text: str, path: str, warnings: list[str]) -> tuple[str, list[str]]:
    """The text with Word's and pdftotext's breaks as line breaks and stray controls dropped;
    NotText when it holds non-characters or controls enough to be binary."""
    text = text.replace("\r\n", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    bad = _NONCHAR.search(text)
    if bad:
        line, col = _where(text, bad.start())
        raise NotText(f"{path}:{line}:{col}: is not a text file (it holds U+{ord(bad.group()):04X}, a code that "
                      f"is never a character; {_HINT})")  # fmt: skip
    controls = _CONTROL.findall(text)
    if controls:
        first = _CONTROL.search(text)
        assert first is not None
        line, col = _where(text, first.start())
        if len(controls) > max(2, len(text) // 1000):
            raise NotText(f"{path}:{line}:{col}: is not a text file ({len(controls)} control characters such as "
                          f"U+{ord(controls[0]):04X}; {_HINT})")  # fmt: skip
        warnings = [*warnings, f"{path}:{line}:{col}: warning: control character U+{ord(controls[0]):04X} "
                    f"left out ({len(controls)} in all)"]  # fmt: skip
        text = _CONTROL.sub("", text)
    return text, warnings


def _where(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1
