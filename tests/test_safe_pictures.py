"""Pictures are safe with any file: an SVG's references reach only regular files inside the pack
(anything else is a located warning, left out, the rest drawn), nothing outside leaks into the PDF,
nothing hangs on a device or FIFO; odd real pictures draw (an SVG holding a bitmap, 16-bit grey,
palette, CMYK) and broken ones (a decompression bomb, a truncated or damaged bitmap, an absurd SVG
size) are located errors from `check` as well as `build`. Every hostile file is made here."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_pack, write
from PIL import Image, ImageDraw

from studypack.load.manifest import load_pack

SECRET = "SECRETMARKER"
SECRET_SIZE = (37, 23)  # a bitmap of this size must never be embedded
SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">'


def run(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studypack", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)  # fmt: skip


def png(size=(40, 30), mode="L", colour=0) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, colour).save(buf, "PNG")
    return buf.getvalue()


def pdf_leaks(pdf: Path) -> list[str]:
    """Where the secret shows in the PDF: its text, any stream's bytes, any image's size."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    found = []
    if any(SECRET in (p.extract_text() or "") for p in reader.pages):
        found.append("text")
    for num in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(num)
        except Exception:  # noqa: BLE001 - numbers past the last object
            continue
        if obj is None or not hasattr(obj, "get_data"):
            continue
        if obj.get("/Subtype") == "/Image" and (obj.get("/Width"), obj.get("/Height")) == SECRET_SIZE:
            found.append(f"image {num}")
        try:
            if SECRET.encode() in obj.get_data():
                found.append(f"stream {num}")
        except Exception:  # noqa: BLE001 - an image codec pypdf cannot undo
            pass
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the pack holding what must never be printed."""
    d = tmp_path / "outside"
    d.mkdir()
    (d / "secret.svg").write_text(f'{SVG_HEAD}<g id="t"><text x="5" y="50">{SECRET}</text>'
                                  '<rect width="30" height="30"/></g></svg>')  # fmt: skip
    Image.new("L", SECRET_SIZE, 0).save(d / "secret.png")
    (d / "secret.txt").write_text(SECRET)
    return d


def pack_with_svg(tmp: Path, svg: str, name: str = "d.svg") -> Path:
    pack = tmp / "pack"
    pack.mkdir(exist_ok=True)
    (pack / name).write_text(svg)
    topic = f"topic: Pictures\ncards:\n  - title: A diagram\n    image: {name}\n    text: Notes kept.\n"
    return make_pack(pack, {"t.yaml": topic})


HOSTILE = {
    "use outside": ('<use xlink:href="../outside/secret.svg#t"/>', "outside the pack's folder"),
    "use absolute": ('<use xlink:href="{outside}/secret.svg#t"/>', "outside the pack's folder"),
    "image outside": ('<image width="37" height="23" href="../outside/secret.png"/>', "outside the pack's folder"),
    "image dev zero": ('<image width="10" height="10" xlink:href="/dev/zero"/>', "outside the pack's folder"),
    "image url": ('<image width="10" height="10" href="http://127.0.0.1:9/secret.png"/>', "address"),
    "file url": ('<image width="10" height="10" href="file://{outside}/secret.png"/>', "address"),
    "css url": ('<rect width="50" height="50" style="fill: url(../outside/secret.svg#t)"/>', "url()"),
    "css import": ("<style>@import url(../outside/secret.css);</style>", "@import"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_references_out_of_the_pack_are_warned_of_and_never_drawn(tmp_path, outside, case):
    """Each reference out of the pack: a warning at the topic's image: line naming the SVG line
    and the reference; the PDF holds none of the secret; the rest of the picture is drawn."""
    ref, why = HOSTILE[case]
    svg = f'{SVG_HEAD}\n<circle cx="150" cy="50" r="40"/>\n{ref.format(outside=outside)}\n</svg>'
    manifest = pack_with_svg(tmp_path, svg)
    _, problems = load_pack(str(manifest))
    mine = [p for p in problems if "d.svg" in p.message]
    assert len(mine) == 1 and mine[0].warning, problems
    assert (mine[0].path, mine[0].line, mine[0].col) == ("t.yaml", 4, 12)
    assert "line 3 of the SVG" in mine[0].message and why in mine[0].message
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=manifest.parent)
    assert r.returncode == 0, r.stderr
    assert "t.yaml:4:12: warning" in r.stderr or "t.yaml:4:12:" in r.stderr
    pdf = manifest.parent / "out.pdf"
    assert pdf_leaks(pdf) == []
    assert "Notes kept." in "".join(_texts(pdf))
    assert _drawn_paths(pdf) > 0, "the rest of the picture (the circle) was not drawn"


def _texts(pdf: Path) -> list[str]:
    from helpers import pdf_pages_text

    return pdf_pages_text(pdf)


def _drawn_paths(pdf: Path) -> int:
    """How many curves the PDF's forms draw (the SVG's circle is four Bézier curves)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    count = 0
    for page in reader.pages:
        for x in (page["/Resources"].get("/XObject") or {}).values():
            x = x.get_object()
            if x.get("/Subtype") == "/Form":
                count += x.get_data().count(b" c\n") + x.get_data().count(b" c ")
    return count


def test_a_symlink_out_of_the_pack_is_refused(tmp_path, outside):
    """A link inside the pack pointing outside it counts where it points."""
    pack = tmp_path / "pack"
    pack.mkdir()
    os.symlink(outside / "secret.svg", pack / "inner.svg")
    manifest = pack_with_svg(
        tmp_path, f'{SVG_HEAD}<circle cx="50" cy="50" r="40"/><use href="inner.svg#t"/></svg>'
    )
    _, problems = load_pack(str(manifest))
    assert any("outside the pack's folder" in p.message for p in problems)
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=manifest.parent)
    assert r.returncode == 0 and pdf_leaks(manifest.parent / "out.pdf") == []


@pytest.mark.parametrize("kind", ["fifo", "device link", "folder"])
def test_a_fifo_or_device_inside_the_pack_is_refused_at_once(tmp_path, kind):
    """A FIFO, a link to /dev/zero or a folder named by an SVG inside the pack: a warning, the
    build ends in seconds (no read blocks or runs out of memory)."""
    pack = tmp_path / "pack"
    pack.mkdir()
    if kind == "fifo":
        os.mkfifo(pack / "thing.png")
    elif kind == "device link":
        os.symlink("/dev/zero", pack / "thing.png")
    else:
        (pack / "thing.png").mkdir()
    svg = f'{SVG_HEAD}\n<image width="10" height="10" href="thing.png"/><circle cx="50" cy="50" r="9"/></svg>'
    manifest = pack_with_svg(tmp_path, svg)
    r = run("check", "pack.yaml", cwd=manifest.parent, timeout=30)
    assert r.returncode == 0, r.stderr
    expected = "outside the pack's folder" if kind == "device link" else "not a regular file"
    expected = "is a folder" if kind == "folder" else expected
    assert "t.yaml:4:12:" in r.stderr and "line 2 of the SVG" in r.stderr and expected in r.stderr
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=manifest.parent, timeout=60)
    assert r.returncode == 0, r.stderr


def test_a_picture_that_is_a_fifo_or_device_is_an_error_at_once(tmp_path):
    """`image:` naming a FIFO or /dev/zero itself: a located error, at once."""
    pack = tmp_path / "pack"
    pack.mkdir()
    os.mkfifo(pack / "pipe.png")
    topic = "topic: P\ncards:\n  - title: A\n    image: pipe.png\n    text: x\n  - title: B\n    image: /dev/zero\n    text: y\n"
    make_pack(pack, {"t.yaml": topic})
    r = run("check", "pack.yaml", cwd=pack, timeout=30)
    assert r.returncode == 2
    assert "t.yaml:4:12: picture 'pipe.png' is not a file" in r.stderr
    assert "t.yaml:7:12: picture '/dev/zero' is not a file" in r.stderr


def test_external_entities_are_never_read(tmp_path, outside):
    """An SVG declaring external entities (a file, an address): a warning each, nothing read,
    its internal entities still spelled out, the rest drawn."""
    svg = f"""<?xml version="1.0"?>
<!DOCTYPE svg [
<!ENTITY xxe SYSTEM "file://{outside}/secret.txt">
<!ENTITY word "Visible">
]>
{SVG_HEAD}<circle cx="150" cy="50" r="40"/><text x="5" y="50">&xxe; &word;</text></svg>"""
    manifest = pack_with_svg(tmp_path, svg)
    _, problems = load_pack(str(manifest))
    assert [p.line for p in problems if "entity '&xxe;'" in p.message] == [4]
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=manifest.parent)
    assert r.returncode == 0, r.stderr
    pdf = manifest.parent / "out.pdf"
    assert pdf_leaks(pdf) == []


def test_an_svg_inside_the_pack_is_drawn_through_use(tmp_path):
    """`<use href="parts.svg#p">` to a file inside the pack draws that part (copied in, its own
    references made safe the same way); no warning."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "parts.svg").write_text(f'{SVG_HEAD}<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
                                    '<g id="p"><text x="5" y="50">Included</text><rect width="9" height="9" '
                                    'fill="url(#g)"/></g></svg>')  # fmt: skip
    manifest = pack_with_svg(tmp_path, f'{SVG_HEAD}<use xlink:href="parts.svg#p"/></svg>')
    _, problems = load_pack(str(manifest))
    assert [p for p in problems if "svg" in p.message.lower()] == []
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=manifest.parent)
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    forms = [
        x.get_object().get_data()
        for page in PdfReader(str(manifest.parent / "out.pdf")).pages
        for x in (page["/Resources"].get("/XObject") or {}).values()
    ]
    assert any(b"Tj" in f for f in forms), "the part's text was not drawn"


@pytest.mark.parametrize("where", ["embedded", "beside"])
@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_an_svg_holding_a_bitmap_draws(tmp_path, where, fmt):
    """As Inkscape saves it (a data: URI) or linked to a file beside it: the bitmap is embedded in
    the PDF, once, at its pixel size; input bytes unchanged."""
    pack = tmp_path / "pack"
    pack.mkdir()
    buf = io.BytesIO()
    im = Image.new("RGB", (64, 48), (90, 90, 90))
    ImageDraw.Draw(im).rectangle((8, 8, 40, 30), fill=(0, 0, 0))
    im.save(buf, fmt)
    data = buf.getvalue()
    mime = "png" if fmt == "PNG" else "jpeg"
    if where == "embedded":
        href = f"data:image/{mime};base64," + base64.b64encode(data).decode()
    else:
        (pack / f"photo.{mime}").write_bytes(data)
        href = f"photo.{mime}"
    svg = f'{SVG_HEAD}<image x="0" y="0" width="64" height="48" xlink:href="{href}"/></svg>'
    pack_with_svg(tmp_path, svg)
    before = (pack / "d.svg").read_bytes()
    assert run("check", "pack.yaml", cwd=pack).returncode == 0
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=pack)
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    reader = PdfReader(str(pack / "out.pdf"))
    sizes = set()
    for page in reader.pages:
        for form in (page["/Resources"].get("/XObject") or {}).values():
            for x in (form.get_object().get("/Resources", {}).get("/XObject") or {}).values():
                x = x.get_object()
                if x.get("/Subtype") == "/Image":
                    sizes.add((x["/Width"], x["/Height"]))
    assert sizes == {(64, 48)}
    assert (pack / "d.svg").read_bytes() == before


def _bomb_png() -> bytes:
    """A PNG of 20,000 x 20,000 pixels (400 million) that is a few hundred KB on disk."""
    import struct
    import zlib

    w = h = 20_000
    row = b"\0" + bytes(w // 8)
    raw = zlib.compress(row * h, 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    head = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _jpeg(size=(400, 300)) -> bytes:
    buf = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buf, "JPEG")
    return buf.getvalue()


BROKEN = {
    "bomb.png": (_bomb_png, "is 400 million pixels, more than the 100 million this tool decodes"),
    "cut.jpg": (lambda: _jpeg()[: len(_jpeg()) // 2], "cannot be read as a JPEG picture: the file is damaged or cut short"),
    "cut.png": (lambda: png((300, 200), "RGB")[:-40], "cannot be read as a PNG picture: the file is damaged or cut short"),
    "crc.png": (lambda: (lambda d: d[:40] + bytes([d[40] ^ 0xFF]) + d[41:])(png((300, 200), "RGB")),
                "cannot be read as a PNG picture: the file is damaged or cut short"),
    "huge.svg": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="1e999" height="10"><rect width="5" height="5"/></svg>',
                 "is an SVG picture with no usable size"),
    "negative.svg": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="-5" height="10"/>', "no usable size"),
    "zero.svg": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>', "no usable size"),
    "nan.svg": (lambda: b'<svg xmlns="http://www.w3.org/2000/svg" width="nan" height="10"/>', "no usable size"),
    "bomb-inside.svg": (lambda: (SVG_HEAD + '<image width="9" height="9" href="data:image/png;base64,'
                                 + base64.b64encode(_bomb_png()).decode() + '"/></svg>').encode(),
                        "holds at line 1 <image> (embedded PNG) that is 400 million pixels, more than the 100 million"),
    "cut-inside.svg": (lambda: (SVG_HEAD + '\n<image width="9" height="9" href="data:image/jpeg;base64,'
                                + base64.b64encode(_jpeg()[:3000]).decode() + '"/></svg>').encode(),
                       "holds at line 2 <image> (embedded JPEG) that cannot be read as a JPEG picture"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_pictures_are_located_errors_in_check_and_build(tmp_path, name):
    """Each: `check` and `build` exit 2 with the message at the image: line, no traceback, no
    PDF written; the picture's bytes unchanged."""
    make, message = BROKEN[name]
    (tmp_path / name).write_bytes(make())
    before = (tmp_path / name).read_bytes()
    make_pack(tmp_path, {"t.yaml": f"topic: P\ncards:\n  - title: A\n    image: {name}\n    text: x\n"})
    for cmd in (["check", "pack.yaml"], ["build", "pack.yaml", "-o", "out.pdf"]):
        r = run(*cmd, cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        assert f"t.yaml:4:12: picture '{name}' " in r.stderr and message in r.stderr, r.stderr
        assert "Traceback" not in r.stderr and "please report" not in r.stderr
    assert not (tmp_path / "out.pdf").exists()
    assert (tmp_path / name).read_bytes() == before


def _grey_levels(pdf: Path, page: int) -> list[int]:
    """The page's pixels in grey (0 black .. 255 white), rendered by poppler."""
    out = subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout  # fmt: skip
    return list(Image.open(io.BytesIO(out)).tobytes())


def _odd_picture(kind: str) -> tuple[str, bytes]:
    buf = io.BytesIO()
    if kind == "16-bit grey":
        im = Image.new("I;16", (120, 90))
        im.putdata([32768] * (120 * 90))  # mid-grey in 16 bits
        im.save(buf, "PNG")
        return "grey16.png", buf.getvalue()
    if kind == "palette":
        Image.new("RGB", (120, 90), (128, 128, 128)).convert("P", palette=Image.Palette.ADAPTIVE).save(
            buf, "PNG"
        )
        return "palette.png", buf.getvalue()
    if kind == "palette transparent":
        im = Image.new("RGB", (120, 90), (128, 128, 128)).convert("P", palette=Image.Palette.ADAPTIVE)
        im.info["transparency"] = 255
        im.save(buf, "PNG", transparency=255)
        return "palette-t.png", buf.getvalue()
    if kind == "cmyk jpeg":
        Image.new("CMYK", (120, 90), (0, 0, 0, 128)).save(buf, "JPEG", quality=95)
        return "cmyk.jpg", buf.getvalue()
    Image.new("1", (120, 90), 0).save(buf, "PNG")  # bilevel, all black
    return "bilevel.png", buf.getvalue()


@pytest.mark.parametrize("kind", ["16-bit grey", "palette", "palette transparent", "cmyk jpeg", "bilevel"])
def test_odd_bitmaps_print_true_in_grey(tmp_path, kind):
    """A mid-grey (or black) picture prints mid-grey (or black) on the cards' page, not white
    (a 16-bit grey clipped) nor inverted (CMYK)."""
    name, data = _odd_picture(kind)
    (tmp_path / name).write_bytes(data)
    manifest = make_pack(tmp_path, {"t.yaml": f"topic: P\ncards:\n  - title: A\n    image: {name}\n    text: x\n"},
                         "- layout: cards\n  sides: single\n")  # fmt: skip
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=manifest.parent)
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    levels = _grey_levels(tmp_path / "out.pdf", len(PdfReader(str(tmp_path / "out.pdf")).pages))
    want = 0 if kind == "bilevel" else 128
    near = sum(1 for v in levels if abs(v - want) <= 12)
    assert near > 200, f"{kind}: the picture did not print at grey {want}"


def test_the_bitmap_pixel_cap_is_stated_in_the_message():
    """The cap named in the message is the cap enforced."""
    from studypack.bitmaps import MAX_PIXELS, PictureError, check_bitmap

    with pytest.raises(PictureError, match=f"{MAX_PIXELS // 1_000_000} million"):
        check_bitmap(_bomb_png(), "png")


def test_check_finds_a_truncated_picture_without_building(tmp_path):
    """`check` alone (no PDF drawn) reports the cut-short JPEG: found by decoding it whole."""
    write(tmp_path / "t.yaml", "topic: P\ncards:\n  - title: A\n    image: cut.jpg\n    text: x\n")
    (tmp_path / "cut.jpg").write_bytes(_jpeg()[:5000])
    r = run("check", "t.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "t.yaml:4:12: picture 'cut.jpg' cannot be read as a JPEG" in r.stderr


def test_an_svg_that_is_not_xml_is_a_located_error(tmp_path):
    """An SVG whose bytes are not XML: a located error from `check`, not an internal one."""
    (tmp_path / "bad.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg' width='5'" + b"\xff" * 50)
    write(tmp_path / "t.yaml", "topic: P\ncards:\n  - title: A\n    image: bad.svg\n    text: x\n")
    r = run("check", "t.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "t.yaml:4:12: picture 'bad.svg' " in r.stderr and "SVG picture" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_fifo_in_a_topics_folder_is_never_read(tmp_path):
    """`topics: [notes]` over a folder holding a FIFO named like a topic: `check` ends at once
    with a located error for it (deciding whether it is a manifest never opens it to wait)."""
    (tmp_path / "notes").mkdir()
    write(tmp_path / "notes" / "a.yaml", "topic: A\ncards:\n  - title: One\n    text: x\n")
    os.mkfifo(tmp_path / "notes" / "b.yaml")
    write(tmp_path / "pack.yaml", "title: P\ntopics: [notes]\n")
    r = run("check", "pack.yaml", cwd=tmp_path, timeout=30)
    assert r.returncode == 2 and "pack.yaml:2:" in r.stderr and "device or pipe" in r.stderr, r.stderr


def test_a_font_too_large_or_not_a_file_is_a_plain_error(tmp_path):
    """A manifest's font file over the size cap: a plain font error naming the file, nothing read."""
    from studypack.reportlab_fast import MAX_FONT_BYTES

    with open(tmp_path / "huge.ttf", "wb") as f:
        f.truncate(MAX_FONT_BYTES + 1)  # sparse: no disk used
    make_pack(
        tmp_path, {"t.yaml": "topic: A\ncards:\n  - title: One\n    text: x\n"}, font="{regular: huge.ttf}"
    )
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=tmp_path, timeout=60)
    assert r.returncode != 0 and "huge.ttf" in r.stderr and "too large" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "out.pdf").exists()


def test_an_svg_gradient_and_transparency_print(tmp_path):
    """A gradient fill and a half-transparent shape (as drawing programs save them): the form
    carries their resources, so poppler draws them without a complaint, the gradient as a run of
    greys and the transparent shape as a mid grey."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><defs><linearGradient id="g">'
           '<stop offset="0" stop-color="black"/><stop offset="1" stop-color="white"/></linearGradient></defs>'
           '<rect x="0" y="0" width="140" height="100" fill="url(#g)"/>'
           '<rect x="160" y="0" width="140" height="100" fill="black" fill-opacity="0.5"/></svg>')  # fmt: skip
    (tmp_path / "g.svg").write_text(svg)
    make_pack(tmp_path, {"t.yaml": "topic: P\ncards:\n  - title: A\n    image: g.svg\n    text: x\n"},
              "- layout: cards\n  sides: single\n")  # fmt: skip
    r = run("build", "pack.yaml", "-o", "out.pdf", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    last = len(PdfReader(str(tmp_path / "out.pdf")).pages)
    shown = subprocess.run(["pdftoppm", "-r", "40", "-gray", "-f", str(last), "-l", str(last), str(tmp_path / "out.pdf")],
                           capture_output=True, check=True)  # fmt: skip
    assert b"unknown" not in shown.stderr, shown.stderr
    levels = list(Image.open(io.BytesIO(shown.stdout)).tobytes())
    greys = {v // 16 for v in levels if 20 < v < 235}
    assert len(greys) >= 8, "the gradient did not print as a run of greys"
    assert sum(1 for v in levels if abs(v - 128) <= 12) > 100, "the half-transparent black is not mid grey"


def _use_bomb() -> bytes:
    """Ten levels of ten <use> each: ten billion rectangles if expanded."""
    parts = [SVG_HEAD, '<defs><rect id="l0" width="1" height="1"/>']
    for i in range(1, 11):
        parts.append(f'<g id="l{i}">' + f'<use xlink:href="#l{i - 1}"/>' * 10 + "</g>")
    parts.append('</defs><use xlink:href="#l10"/></svg>')
    return "".join(parts).encode()


def test_a_use_bomb_and_an_entity_flood_are_bounded(tmp_path):
    """A <use> chain that would draw ten billion shapes is a located error in seconds; an SVG
    repeating a long entity thousands of times is read in bounded time and memory."""
    (tmp_path / "bomb.svg").write_bytes(_use_bomb())
    flood = ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY big "' + "A" * 1000 + '">]>' + SVG_HEAD
             + '<circle cx="50" cy="50" r="40"/><text>' + "&big;" * 5000 + "</text></svg>")  # fmt: skip
    (tmp_path / "flood.svg").write_text(flood)
    topic = ("topic: P\ncards:\n  - title: A\n    image: bomb.svg\n    text: x\n"
             "  - title: B\n    image: flood.svg\n    text: y\n")  # fmt: skip
    write(tmp_path / "t.yaml", topic)
    r = run("check", "t.yaml", cwd=tmp_path, timeout=60)
    assert r.returncode == 2, r.stderr
    assert "t.yaml:4:12: picture 'bomb.svg' would draw over 1,000,000 shapes" in r.stderr
    assert [line for line in r.stderr.splitlines() if "flood.svg" in line and "warning" not in line] == []
