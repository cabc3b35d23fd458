"""Pictures on cards, summary sheets and the timeline: checked when loaded, placed inside the card's
5 mm inset without distortion on every card size and side mode, backs behind their fronts, each
file embedded once, SVG as vectors, and warnings for a blocky or washed-out bitmap."""

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import build_pdf, make_pack, missing_words, pdf_pages_text, write
from pagedump import images
from PIL import Image, ImageDraw

from studypack.errors import ContentError
from studypack.layout_api.styles import SAFE_MM, mm
from studypack.load.manifest import load_pack
from studypack.load.topic import load_topic

SIZES = ["A7", "A6", "index-3x5", "business", "[60, 90]"]
SIDES = ["single", "duplex-long-edge", "duplex-short-edge", "fold"]


@pytest.fixture(scope="module")
def pics(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pics")
    im = Image.new("RGB", (1200, 800), "white")
    dr = ImageDraw.Draw(im)
    dr.ellipse((200, 100, 1000, 700), outline="black", width=12)
    im.save(d / "wide.png")
    tall = Image.new("RGB", (600, 1500), "white")
    ImageDraw.Draw(tall).rectangle((50, 50, 550, 1450), outline="black", width=20)
    tall.save(d / "tall.png")
    photo = Image.new("RGB", (3000, 2000), (120, 160, 200))
    pd = ImageDraw.Draw(photo)
    for i in range(0, 3000, 150):
        pd.line((i, 0, i, 2000), fill=(10, 10, 10), width=30)
    exif = photo.getexif()
    exif[0x0112] = 6  # shown turned a quarter: 2000 wide, 3000 tall
    photo.save(d / "photo.jpg", exif=exif, quality=85)
    Image.new("RGB", (40, 30), "black").save(d / "tiny.png")
    Image.new("RGB", (800, 600), (200, 60, 60)).save(d / "flat.png")
    (d / "map.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120">'
                               '<rect x="5" y="5" width="190" height="110" fill="none" stroke="black"/>'
                               '<circle cx="60" cy="60" r="30" fill="#444"/></svg>')  # fmt: skip
    (d / "anim.gif").write_bytes(b"GIF89a" + bytes(64))
    (d / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    return d


def topic_with(pics: Path, cards: str) -> str:
    return f"topic: Pictures\ncards:\n{cards}"


CARDS = """  - title: Wide diagram
    image: {d}/wide.png
    points: [four chambers, two atria]
  - title: Tall picture
    image: {d}/tall.png
    text: A short note.
  - front_image: {{file: {d}/photo.jpg, alt: A photograph}}
    back: What does it show?
  - title: Map
    front_image: {d}/map.svg
    image: {d}/wide.png
    text: The wide picture again, embedded once.
"""


def card_rects(pack_path: Path):
    """The grid's card cells (fronts and backs), in points, for the pack's cards section."""
    from studypack.layouts.cards.render import CardsOptions, _grids, with_preset

    from studypack.layout_api.options import options_of
    from studypack.layout_api.styles import PRESETS

    pack, _ = load_pack(str(pack_path))
    section = pack.sections[0]
    o = with_preset(options_of(section, CardsOptions), PRESETS[pack.preset], section.given)
    grid, _face, folds = _grids(pack, section, o)
    fronts, backs = [], []
    for k in range(grid.per_sheet):
        if folds:
            f, b = folds.faces(k)
            fronts += [f, b]
        else:
            fronts.append(grid.slot(k))
            if o.sides.startswith("duplex"):
                backs.append(grid.back_slot(k, o.sides, o.back_offset_mm))
    return [[(r.x * mm, r.y * mm, r.w * mm, r.h * mm) for r in rs] for rs in (fronts, backs)]


def inside(box, cell, inset=SAFE_MM * mm) -> bool:
    x, y, w, h = box[:4]
    cx, cy, cw, ch = cell
    e = 0.05
    return (
        cx + inset - e <= x
        and x + w <= cx + cw - inset + e
        and cy + inset - e <= y
        and y + h <= cy + ch - inset + e
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("sides", SIDES)
def test_pictures_sit_inside_their_card_undistorted(tmp_path, pics, size, sides):
    """On every size and side mode: each picture inside a card's 5 mm inset, its aspect ratio
    kept (the photo's EXIF orientation applied), backs on the back page inside the cell behind
    their front."""
    p = make_pack(tmp_path, {"t.yaml": topic_with(pics, CARDS.format(d=pics))},
                  f"- layout: cards\n  size: {size}\n  sides: {sides}\n")  # fmt: skip
    pdf = build_pdf(p)
    fronts, backs = card_rects(p)
    aspects = {"wide": 1.5, "tall": 0.4, "photo": 2 / 3, "map": 200 / 120}
    placed = [b for page in images(pdf) for b in page]
    assert len(placed) == 5  # four cards, five pictures
    for i, page in enumerate(images(pdf)):
        cells = backs if (sides.startswith("duplex") and i % 2 == 1) else fronts
        for box in page:
            assert any(inside(box, c) for c in cells), (box, sides, size)
            ratio = box[2] / box[3]
            assert min(abs(ratio - a) / a for a in aspects.values()) < 0.01, ratio
    if sides.startswith("duplex"):
        # card 1 (index 0) has its picture on the back: in the cell behind front slot 0
        back_boxes = images(pdf)[3]  # after the cover, a blank back and the fronts
        assert any(inside(b, backs[0]) for b in back_boxes)


def test_each_file_is_embedded_once_and_svg_stays_vector(tmp_path, pics):
    """wide.png on two cards (and the summary) is one image object; the SVG is a form of vector
    paths, not a bitmap, reused."""
    p = make_pack(tmp_path, {"t.yaml": topic_with(pics, CARDS.format(d=pics))},
                  "- layout: cards\n- layout: summary\n")  # fmt: skip
    pdf = build_pdf(p)
    drawn = [b for page in images(pdf) for b in page]
    from pypdf import PdfReader

    r = PdfReader(str(pdf))
    image_objects = {
        ref.idnum
        for page in r.pages
        for ref in page.get("/Resources", {}).get("/XObject", {}).values()
        if ref.get_object()["/Subtype"] == "/Image"
        or any(
            v.get_object().get("/Subtype") == "/Image"
            for v in ref.get_object().get("/Resources", {}).get("/XObject", {}).values()
        )
    }
    assert len(image_objects) == 3  # wide, tall, photo: each once, however often drawn
    assert sum(1 for b in drawn if b[4] == "image") >= 6
    forms = {b[5] for b in drawn if b[4] == "form"}
    assert len(forms) == 1 and sum(1 for b in drawn if b[4] == "form") == 2  # the map, twice, one form


@pytest.mark.parametrize(
    ("file", "message"),
    [("nothere.png", "picture 'nothere.png' not found"), ("anim.gif", "is a GIF picture"),
     ("broken.png", "cannot be read as a PNG picture")],
)  # fmt: skip
def test_a_bad_picture_is_a_located_error(tmp_path, pics, file, message):
    """A missing, unsupported or damaged file: an error at the line of its `image:`, from `check`
    and `build` alike, exit 2, nothing written."""
    for f in pics.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    t = write(tmp_path / "t.yaml", f"topic: T\ncards:\n  - title: C\n    points: [x]\n    image: {file}\n")
    with pytest.raises(ContentError) as e:
        load_topic(str(t))
    shown = str(e.value.problems[0])
    assert "t.yaml:5:12: picture '" in shown and message in shown
    r = subprocess.run([sys.executable, "-m", "studypack", "check", str(t)], capture_output=True, text=True)
    assert r.returncode == 2 and message in r.stderr and "Traceback" not in r.stderr
    p = make_pack(tmp_path, {}, "- layout: cards\n")
    p.write_text(p.read_text().replace("topics: []", "topics: [t.yaml]"))
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(tmp_path / "o.pdf")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2 and message in r.stderr and not (tmp_path / "o.pdf").exists()


def test_blocky_and_washed_out_pictures_are_warned_of(tmp_path, pics):
    """A 40-pixel bitmap on a card prints far below 150 dpi: a warning naming the file and its
    dpi; a flat colour picture has no greyscale contrast: a warning too."""
    cards = f"  - title: T\n    image: {pics}/tiny.png\n    text: x\n  - title: F\n    image: {pics}/flat.png\n    text: y\n"
    p = make_pack(tmp_path, {"t.yaml": topic_with(pics, cards)}, "- layout: cards\n")
    r = subprocess.run([sys.executable, "-m", "studypack", "build", str(p), "-o", str(tmp_path / "o.pdf")],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0
    assert (
        "t.yaml:4:12: warning: picture" in r.stderr
        and "tiny.png' prints at" in r.stderr
        and "dpi" in r.stderr
    )
    assert "flat.png' has little contrast in greyscale" in r.stderr


def test_large_photos_are_downsampled_unless_the_pack_says_no(tmp_path, pics):
    """The 3000 x 2000 photo on an A7 front is embedded at no more than about 300 dpi of its printed
    size; with `downsample_pictures: no` it keeps its pixels."""
    from pypdf import PdfReader

    cards = f"  - front_image: {pics}/photo.jpg\n    back: A photo\n"
    for flag, small in (("", True), ("no", False)):
        fields = {"downsample_pictures": flag} if flag else {}
        p = make_pack(
            tmp_path / (flag or "yes"), {"t.yaml": topic_with(pics, cards)}, "- layout: cards\n", **fields
        )
        pdf = build_pdf(p)
        box = next(b for page in images(pdf) for b in page)
        widths = [
            int(x.get_object()["/Width"])
            for page in PdfReader(str(pdf)).pages
            for ref in page.get("/Resources", {}).get("/XObject", {}).values()
            for x in [ref, *ref.get_object().get("/Resources", {}).get("/XObject", {}).values()]
            if x.get_object().get("/Subtype") == "/Image"
        ]
        dpi = widths[0] / (box[2] / 72)
        assert (dpi <= 330) is small, dpi


def test_text_shares_a_face_or_continues_and_nothing_is_lost(tmp_path, pics):
    """A short note sits under its picture on one back; a long one leaves the picture a face of
    its own and continues on the next card; every word is printed."""
    long_text = " ".join(f"word{i}" for i in range(250))
    cards = (f"  - title: Short\n    image: {pics}/wide.png\n    text: Two words.\n"
             f"  - title: Long\n    image: {pics}/wide.png\n    text: {long_text}\n")  # fmt: skip
    p = make_pack(tmp_path, {"t.yaml": topic_with(pics, cards)}, "- layout: cards\n")
    pack, _ = load_pack(str(p))
    from studypack.layouts.cards.render import CardsOptions, _grids, plan_cards

    section = pack.sections[0]
    grid, face, _ = _grids(pack, section, section.options)
    from studypack.text.fonts import resolve

    cards_, _ = plan_cards(pack, section.options, face, resolve(pack.font), False)
    short = [c for c in cards_ if c.title == "Short"]
    long_ = [c for c in cards_ if c.title == "Long"]
    assert len(short) == 1 and short[0].back.pic is not None and short[0].back.fit.lines
    assert len(long_) >= 2 and long_[0].back.pic is not None and not long_[0].back.fit.lines
    assert missing_words(build_pdf(p), [long_text, "Two words."]) == []
    assert isinstance(section.options, CardsOptions)


def test_summary_and_timeline_show_pictures(tmp_path, pics):
    """A card's picture on its summary sheet within its column; an event's picture small in its
    timeline label."""
    topic = (f"topic: T\ncards:\n  - title: Diagram\n    image: {pics}/wide.png\n    text: Its note.\n"
             f"timeline:\n  - date: 1961\n    event: Wall built\n    image: {pics}/map.svg\n"
             "  - date: 1989\n    event: Wall falls\n")  # fmt: skip
    p = make_pack(tmp_path, {"t.yaml": topic}, "- layout: summary\n- layout: timeline\n  hide: 1\n")
    pdf = build_pdf(p)
    pages = images(pdf)
    texts = pdf_pages_text(pdf)
    summary = next(i for i, t in enumerate(texts) if "Its note" in t)
    (box,) = pages[summary]
    assert box[2] <= (210 - 2 * 10) * mm / 2 + 1  # within a column of the two
    timeline = next(i for i, t in enumerate(texts) if "Timeline" in t and "Wall" in t)
    (thumb,) = pages[timeline]
    assert thumb[4] == "form" and thumb[3] <= 12 * mm + 0.5


def test_pictures_go_into_the_anki_package_and_are_watched(tmp_path, pics):
    """The .apkg carries each picture once as Anki media, named uniquely, and the cards' HTML
    shows it; `watch` rebuilds when a picture a topic shows is saved."""
    import json
    import zipfile

    from studypack.watch import watched

    p = make_pack(tmp_path, {"t.yaml": topic_with(pics, CARDS.format(d=pics))}, "- layout: cards\n")
    out = tmp_path / "p.apkg"
    r = subprocess.run([sys.executable, "-m", "studypack", "export", "anki", str(p), "-o", str(out)],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as z:
        media = json.loads(z.read("media"))
        names = sorted(media.values())
        assert len(names) == 4 and all(n.startswith("studypack-") for n in names)  # wide, tall, photo, map
        assert any(n.endswith("-wide.png") for n in names)
        assert b'<img src="studypack-' in z.read("collection.anki2")
    files, _ = watched(str(p))
    assert {str(pics / n) for n in ("wide.png", "tall.png", "photo.jpg", "map.svg")} <= files


def test_checked_pictures_are_remembered_until_they_change(tmp_path, pics, monkeypatch):
    """A second run reads a picture's kind and size from the cache (no decoding), found by the
    SHA-256 of its bytes; a file changed since is read afresh, even with its old size and time, so
    a replaced picture is never drawn at a stale size; a damaged cache file is ignored."""
    import hashlib
    import json
    import os

    import studypack.pictures as P

    monkeypatch.setenv("STUDYPACK_CACHE_DIR", str(tmp_path / "cache"))
    pic = tmp_path / "p.png"
    Image.new("RGB", (300, 200), "white").save(pic, compress_level=0)
    for attr, value in (("_cache", {}), ("_disk", None), ("_disk_dirty", False)):
        monkeypatch.setattr(P, attr, value)
    assert (P.probe(str(pic)).width, P.probe(str(pic)).height) == (300, 200)
    P.save_cache()
    saved = json.loads((tmp_path / "cache" / "pictures.json").read_text())
    assert saved[hashlib.sha256(pic.read_bytes()).hexdigest()] == ["png", 300.0, 200.0]
    monkeypatch.setattr(P, "_cache", {})
    monkeypatch.setattr(P, "_disk", None)
    monkeypatch.setattr(P, "check_bitmap", lambda *a: (_ for _ in ()).throw(AssertionError("decoded again")))
    assert P.probe(str(pic)).width == 300  # from the cache
    monkeypatch.undo()
    monkeypatch.setenv("STUDYPACK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(P, "_cache", {})
    monkeypatch.setattr(P, "_disk", None)
    size, stamp = pic.stat().st_size, pic.stat().st_mtime_ns
    # replaced: other bytes, same size and time
    Image.new("RGB", (1201, 50), "white").save(pic, compress_level=0)
    assert pic.stat().st_size == size
    os.utime(pic, ns=(stamp, stamp))
    assert (P.probe(str(pic)).width, P.probe(str(pic)).height) == (1201, 50)
    (tmp_path / "cache" / "pictures.json").write_text("{not json")
    monkeypatch.setattr(P, "_cache", {})
    monkeypatch.setattr(P, "_disk", None)
    assert P.probe(str(pic)).height == 50
