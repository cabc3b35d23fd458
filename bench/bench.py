#!/usr/bin/env python3
"""Benchmarks, run by hand (never a timed test): whole-process wall time and peak memory.

usage: python bench/bench.py [--sizes 100,1000,10000] [--runs 5] [--peer] [--what ...]

Run it with the Python of the environment studypack is installed in (`.venv/bin/python
bench/bench.py`): every measurement runs that installed `studypack` (its console script) as a fresh
process, from bench/work/, never the source tree by path.

For each deck size, builds a cards-only duplex pack (A7 on A4, 8 a sheet, fronts then backs) from a
deck made by the peers' gen_deck.py, and reports the median of `runs` and the peak RSS. With --peer,
times typst_cards.py (pip install typst) on the same deck, alternating studypack and Typst run by
run, and reports the ratio of each pair (studypack / Typst: below 1 is faster) as a median with
its range. The peers are found in ../shared/peers beside the repository, or in the folder named
by --peers or the STUDYPACK_PEERS environment variable. Also: `studypack --version`, `check`,
loading 1,000 cards, a long paragraph, hostile text (a huge word, unclosed markers, a huge quiz),
summary sheets, knowledge organisers, a timeline, a 20-term crossword, an import, the time per card
from 1,000 to 30,000 cards (`scaling`), and 300 distinct formulas laid out and then read from the
cache (`maths`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = Path(os.environ.get("STUDYPACK_PEERS", REPO.parent / "shared" / "peers"))
WORK = HERE / "work"
MEASURE = HERE / "measure.py"  # runs one command, prints its wall time, peak memory and exit code

# As a user runs it: Python caches compiled modules (.pyc). Some sandboxes set
# PYTHONDONTWRITEBYTECODE, which makes every run recompile studypack's sources (~0.05 s).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


_peaks: dict[tuple[str, ...], float] = {}  # each command's memory, sampled on its first run


def measure(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one build, measured from a small parent of its own.
    Memory is the largest proportional set size of the whole process tree (a build that forks
    helpers counts them, shared pages once), sampled every 20 ms on a command's first run only:
    the sampling takes CPU from a build that uses every core, so later runs (the medians' bulk)
    are timed alone. On systems without /proc, the peak RSS of its largest process."""
    key = tuple(cmd)
    sample = key not in _peaks
    flags = [] if sample else ["--no-sample"]
    out = subprocess.run([sys.executable, str(MEASURE), *flags, *cmd], capture_output=True, text=True,
                         env=env or ENV)  # fmt: skip
    dt, mem, rc = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    if sample:
        _peaks[key] = float(mem)
    return float(dt), _peaks[key]


def deck(n: int) -> Path:
    path = WORK / f"deck-{n}.yaml"
    if not path.exists():
        subprocess.run([sys.executable, str(PEERS / "gen_deck.py"), str(n), str(path)], check=True)
    return path


def pack(n: int, layout: str = "cards") -> Path:
    deck(n)
    path = WORK / f"pack-{n}-{layout}.yaml"
    opts = "    size: A7\n    sides: duplex-long-edge\n" if layout == "cards" else ""
    path.write_text(
        f"title: Bench {n}\nterm: T\nclass: C\npaper: A4\ntopics: [deck-{n}.yaml]\n"
        f"sections:\n  - layout: {layout}\n{opts}",
        encoding="utf-8",
    )
    return path


def studypack() -> list[str]:
    exe = Path(sys.executable).with_name("studypack")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "studypack"]


def bench_cards(sizes: list[int], runs: int, peer: bool) -> None:
    print(
        f"cards-only duplex pack, whole process, {runs} runs, each also with --jobs 1"
        + (", alternating with Typst" if peer else "")
    )
    for n in sizes:
        p = pack(n)
        ours, one, theirs, mem_ours, mem_one, mem_theirs = [], [], [], 0.0, 0.0, 0.0
        for _ in range(runs):
            dt, mem = measure([*studypack(), "build", str(p), "-o", str(WORK / f"out-{n}.pdf")])
            ours.append(dt)
            mem_ours = max(mem_ours, mem)
            dt, mem = measure([*studypack(), "build", str(p), "-o", str(WORK / f"out-{n}-j1.pdf"), "-j", "1"])
            one.append(dt)
            mem_one = max(mem_one, mem)
            if peer:
                dt, mem = measure([sys.executable, str(PEERS / "typst_cards.py"), str(deck(n)),
                                   str(WORK / f"typst-{n}.pdf")])  # fmt: skip
                theirs.append(dt)
                mem_theirs = max(mem_theirs, mem)
        same = (WORK / f"out-{n}.pdf").read_bytes() == (WORK / f"out-{n}-j1.pdf").read_bytes()
        line = (f"  {n:>6} cards: studypack {statistics.median(ours):6.2f} s (min {min(ours):.2f}), "
                f"{mem_ours:4.0f} MB; -j 1 {statistics.median(one):5.2f} s, {mem_one:4.0f} MB"
                f"{'' if same else ' (OUTPUT DIFFERS)'}")  # fmt: skip
        if peer:
            ratios = [a / b for a, b in zip(ours, theirs, strict=True)]  # pair by pair
            line += (f" | typst {statistics.median(theirs):6.2f} s, {mem_theirs:5.0f} MB | "
                     f"studypack/typst {statistics.median(ratios):.2f}x (pairs {min(ratios):.2f}-{max(ratios):.2f})")  # fmt: skip
        print(line, flush=True)


def bench_scaling(runs: int) -> None:
    """Time per card from 1,000 to 30,000 cards (three topic files of 10,000: a file may not
    exceed the loader's size limit): it must stay flat."""
    deck(10000)
    for x in "abc":
        copy = WORK / f"deck-10000-{x}.yaml"
        if not copy.exists():
            copy.write_bytes(deck(10000).read_bytes())
    big = WORK / "pack-30000-cards.yaml"
    big.write_text("title: Bench 30000\nterm: T\nclass: C\npaper: A4\n"
                   "topics: [deck-10000-a.yaml, deck-10000-b.yaml, deck-10000-c.yaml]\n"
                   "sections:\n  - layout: cards\n    size: A7\n    sides: duplex-long-edge\n",
                   encoding="utf-8")  # fmt: skip
    print("time per card (whole process, median):")
    for n, p in ((1000, pack(1000)), (10000, pack(10000)), (30000, big)):
        for jobs in ("default", "1"):
            extra = [] if jobs == "default" else ["-j", "1"]
            times = [measure([*studypack(), "build", str(p), "-o", str(WORK / "scale.pdf"), "-q", *extra])
                     for _ in range(runs)]  # fmt: skip
            t = statistics.median(x for x, _ in times)
            print(
                f"  {n:>6} cards, jobs {jobs:>7}: {t:6.2f} s, {t / n * 1000:.3f} ms a card, "
                f"{max(m for _, m in times):.0f} MB",
                flush=True,
            )


def bench_summary(runs: int) -> None:
    """20 topics of 25 cards each, `build --only summary`."""
    names = []
    for i in range(20):
        path = WORK / f"summary-topic-{i}.yaml"
        if not path.exists():
            subprocess.run([sys.executable, str(PEERS / "gen_deck.py"), "25", str(path)], check=True)
            path.write_text(
                path.read_text(encoding="utf-8").replace("(25 cards)", f"{i + 1}"), encoding="utf-8"
            )
        names.append(path.name)
    p = WORK / "pack-summary.yaml"
    p.write_text(f"title: Summary bench\ntopics: [{', '.join(names)}]\nsections:\n  - layout: summary\n")
    times = [measure([*studypack(), "build", str(p), "--only", "summary", "-o", str(WORK / "summary.pdf")])
             for _ in range(runs)]  # fmt: skip
    print(
        f"summary, 20 topics x 25 cards, --only summary (whole process): median "
        f"{statistics.median(t for t, _ in times):.2f} s, peak {max(m for _, m in times):.0f} MB"
    )


def organiser_topic(i: int) -> str:
    """A unit as a knowledge organiser holds it: 12 key terms, 10 dates, 5 people, 6 questions and
    6 cards of notes (deterministic)."""
    terms = "".join(f"  - term: Term {i}-{k}\n    definition: What term {k} of unit {i} means, said in about "
                    f"twelve words of plain English\n" for k in range(12))  # fmt: skip
    dates = "".join(f"  - date: {1900 + 3 * k + i}\n    event: Event {k} of unit {i}, which changed things\n"
                    for k in range(10))  # fmt: skip
    people = "".join(f"  - name: Person {k} of {i}\n    about: Who they were and why they matter here\n"
                     for k in range(5))  # fmt: skip
    qs = "".join(f"  - front: Question {k} of unit {i}, asked in full?\n    back: The answer in a short "
                 f"sentence or two\n" for k in range(6))  # fmt: skip
    notes = "".join(f"  - title: Notes {k}\n    points:\n      - A first point of a dozen words or so to "
                    f"revise for the test\n      - A second point, with a detail, a date and a name\n"
                    for k in range(6))  # fmt: skip
    return (f"topic: Unit {i}\nsubject: History\ncards:\n{qs}{notes}timeline:\n{dates}key_terms:\n{terms}"
            f"people:\n{people}")  # fmt: skip


def bench_organiser(runs: int) -> None:
    """Knowledge organisers with their self-quiz copies, `build --only organiser`, for 1 topic and
    for 21: the difference over 20 is the time one topic adds."""
    for i in range(21):
        (WORK / f"organiser-{i}.yaml").write_text(organiser_topic(i), encoding="utf-8")
    medians = {}
    for n in (1, 21):
        p = WORK / f"pack-organiser-{n}.yaml"
        names = ", ".join(f"organiser-{i}.yaml" for i in range(n))
        p.write_text(f"title: Organiser bench\ntopics: [{names}]\nsections:\n  - layout: organiser\n"
                     "    self_quiz: yes\n", encoding="utf-8")  # fmt: skip
        cmd = [*studypack(), "build", str(p), "--only", "organiser", "-o", str(WORK / "organiser.pdf"), "-q"]
        medians[n] = statistics.median(measure(cmd)[0] for _ in range(runs))
    per = (medians[21] - medians[1]) / 20
    print(f"organiser with self-quiz (whole process): 1 topic {medians[1]:.2f} s, 21 topics {medians[21]:.2f} s; "
          f"{per * 1000:.0f} ms a topic (both copies)")  # fmt: skip


def bench_timeline(runs: int) -> None:
    """A 60-event worksheet with its key, two versions, `build --only timeline --only timeline-key`."""
    import random

    r = random.Random(60)
    lines = ["topic: Sixty events", "timeline:"]
    for i in range(60):
        y = r.choice([1848, 1870, 1914, 1917, 1933, 1939, 1945, 1956, 1968, 1989]) + r.randint(0, 3)
        date = r.choice([f"{y}", f"{y}-{r.randint(1, 12):02d}", f"c. {y}", f"{y}-{y + r.randint(1, 5)}"])
        lines += [f'  - date: "{date}"', f"    event: Event {i} of the sixty, with a few words more"]
    (WORK / "timeline-60.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = WORK / "pack-timeline.yaml"
    p.write_text("title: Timeline bench\ntopics: [timeline-60.yaml]\nsections:\n"
                 "  - layout: timeline\n    versions: 2\n    word_bank: yes\n")  # fmt: skip
    cmd = [
        *studypack(),
        "build",
        str(p),
        "--only",
        "timeline",
        "--only",
        "timeline-key",
        "-o",
        str(WORK / "t.pdf"),
    ]
    times = [measure(cmd) for _ in range(runs)]
    print(
        f"timeline, 60 events, 2 versions with keys (whole process): median "
        f"{statistics.median(t for t, _ in times):.2f} s, peak {max(m for _, m in times):.0f} MB"
    )


def bench_worksheets(runs: int) -> None:
    """The example pack with every layout, and 30 pupils' named copies of four worksheets
    (matching, cloze, quiz, sequence; two versions each) with their keys."""
    content = Path(__file__).resolve().parents[1] / "content"
    example = [*studypack(), "build", str(content / "pack.yaml"), "-o", str(WORK / "example.pdf"), "-q"]
    times = [measure(example) for _ in range(runs)]
    print(
        f"example pack, every layout (whole process): median {statistics.median(t for t, _ in times):.3f} s, "
        f"peak {max(m for _, m in times):.0f} MB"
    )
    (WORK / "class.txt").write_text(
        "\n".join(f"Pupil {i + 1:02d}" for i in range(30)) + "\n", encoding="utf-8"
    )
    pack = WORK / "pack-class.yaml"
    pack.write_text(
        "title: Class bench\n"
        f"topics: [{content / 'khrushchev-leader.yaml'}, {content / 'khrushchev-reforms.yaml'}]\n"
        "sections:\n  - layout: matching\n    versions: 2\n  - layout: cloze\n    versions: 2\n"
        "  - layout: quiz\n    versions: 2\n    style: multiple-choice\n  - layout: sequence\n    versions: 2\n",
        encoding="utf-8",
    )
    cmd = [
        *studypack(),
        "build",
        str(pack),
        "--students",
        str(WORK / "class.txt"),
        "-o",
        str(WORK / "class.pdf"),
        "-q",
    ]
    times = [measure(cmd) for _ in range(runs)]
    print(
        f"30 pupils x 4 worksheets, named, with keys (whole process): median "
        f"{statistics.median(t for t, _ in times):.2f} s, peak {max(m for _, m in times):.0f} MB"
    )


def bench_retrieval(runs: int) -> None:
    """A term of 40 do-now lessons (Mon, Wed, Fri) over six topics taught a fortnight apart, 20
    question cards, 10 key terms and 6 events each, with a key per lesson."""
    import datetime

    names = []
    for k in range(6):
        taught = datetime.date(2027, 1, 4) + datetime.timedelta(14 * k)
        lines = [f"topic: Topic {k}", "subject: History", f"taught: {taught.isoformat()}", "cards:"]
        lines += [f"  - front: Question {i} of topic {k}, with a few words more?\n    back: Answer {i} of topic {k}"
                  for i in range(20)]  # fmt: skip
        lines.append("key_terms:")
        lines += [f"  - term: Term {k}-{i}\n    definition: What term {i} of topic {k} means, in a line"
                  for i in range(10)]  # fmt: skip
        lines.append("timeline:")
        lines += [f'  - date: "{1900 + 10 * k + i}"\n    event: Event {i} of topic {k}' for i in range(6)]
        (WORK / f"retrieval-{k}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        names.append(f"retrieval-{k}.yaml")
    p = WORK / "pack-retrieval.yaml"
    p.write_text(f"title: Retrieval bench\ntopics: [{', '.join(names)}]\nsections:\n  - layout: retrieval\n"
                 "    from: 6 January 2027\n    to: 7 April 2027\n    days: [Mon, Wed, Fri]\n")  # fmt: skip
    cmd = [*studypack(), "build", str(p), "-o", str(WORK / "r.pdf"), "-q"]
    times = [measure(cmd) for _ in range(runs)]
    print(
        f"retrieval, a term of 40 lessons with keys (whole process): median "
        f"{statistics.median(t for t, _ in times):.2f} s, peak {max(m for _, m in times):.0f} MB"
    )


def bench_year_group(runs: int) -> None:
    """A year group's named copies: 300 pupils x five worksheet sections (timeline, matching,
    cloze, quiz, sequence; two versions each) over two subjects, so each section makes a worksheet
    per subject: pages a second and peak memory of the whole process."""
    from pypdf import PdfReader

    fixtures = REPO / "tests" / "fixtures" / "three_subjects"
    (WORK / "year.txt").write_text(
        "\n".join(f"Pupil {i + 1:03d}" for i in range(300)) + "\n", encoding="utf-8"
    )
    pack = WORK / "pack-year.yaml"
    sections = "".join(
        f"  - layout: {name}\n    versions: 2\n{extra}"
        for name, extra in (("timeline", ""), ("matching", ""), ("cloze", ""),
                            ("quiz", "    style: multiple-choice\n"), ("sequence", ""))
    )  # fmt: skip
    pack.write_text(
        "title: Year group bench\nclass: 9B\n"
        f"topics: [{fixtures / 'biology.yaml'}, {fixtures / 'history.yaml'}]\nsections:\n{sections}",
        encoding="utf-8",
    )
    out = WORK / "year.pdf"
    cmd = [*studypack(), "build", str(pack), "--students", str(WORK / "year.txt"), "-o", str(out), "-q"]
    times = [measure(cmd) for _ in range(runs)]
    pages = len(PdfReader(str(out)).pages)
    t = statistics.median(x for x, _ in times)
    print(
        f"300 pupils x 5 worksheets x 2 subjects, named ({pages} pages, whole process): median {t:.2f} s, "
        f"{pages / t:,.0f} pages/s, peak {max(m for _, m in times):.0f} MB"
    )


def _pictures(n: int, kind: str) -> list[Path]:
    """n distinct pictures: line diagrams (PNG, 1200 x 800) or photographs (JPEG, 2400 x 1600,
    smooth tones with shapes and some grain, as a camera makes them)."""
    import random

    from PIL import Image, ImageDraw, ImageFilter

    out = []
    folder = WORK / f"pictures-{kind}"
    folder.mkdir(exist_ok=True)
    for i in range(n):
        path = folder / (f"d{i}.png" if kind == "diagram" else f"p{i}.jpg")
        out.append(path)
        if path.exists():
            continue
        r = random.Random(i)
        if kind == "diagram":
            im = Image.new("RGB", (1200, 800), "white")
            d = ImageDraw.Draw(im)
            for _ in range(12):
                x, y = r.randint(0, 1100), r.randint(0, 700)
                d.rectangle((x, y, x + r.randint(40, 300), y + r.randint(40, 200)), outline="black", width=6)
            im.save(path)
        else:
            im = Image.linear_gradient("L").resize((2400, 1600)).convert("RGB")
            d = ImageDraw.Draw(im)
            for _ in range(30):
                x, y = r.randint(0, 2300), r.randint(0, 1500)
                col = tuple(r.randint(0, 255) for _ in range(3))
                d.ellipse((x, y, x + r.randint(60, 600), y + r.randint(60, 600)), fill=col)
            noise = Image.effect_noise((2400, 1600), 18).convert("RGB")
            im = Image.blend(im.filter(ImageFilter.GaussianBlur(3)), noise, 0.08)
            im.save(path, quality=88)
    return out


def bench_pictures(runs: int) -> None:
    """1,000 A7 duplex cards showing 50 distinct diagrams; and 500 cards with 100 distinct
    photographs (each 2400 x 1600), whose PDF must stay under 30 MB."""
    for n_cards, pics, kind in ((1000, 50, "diagram"), (500, 100, "photo")):
        files = _pictures(pics, kind)
        lines = ["topic: Pictures", "cards:"]
        for i in range(n_cards):
            lines += [
                f"  - title: Card {i}",
                f"    image: {files[i % pics]}",
                f"    text: Note {i} about it.",
            ]
        (WORK / f"pictures-{kind}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        pack = WORK / f"pack-pictures-{kind}.yaml"
        pack.write_text(f"title: Pictures\ntopics: [pictures-{kind}.yaml]\nsections:\n  - layout: cards\n",
                        encoding="utf-8")  # fmt: skip
        out = WORK / f"pictures-{kind}.pdf"
        cmd = [*studypack(), "build", str(pack), "-o", str(out), "-q"]
        times = [measure(cmd) for _ in range(runs)]
        print(
            f"{n_cards:,} cards with {pics} distinct {kind}s (whole process): median "
            f"{statistics.median(t for t, _ in times):.2f} s, peak {max(m for _, m in times):.0f} MB, "
            f"PDF {out.stat().st_size / 1e6:.1f} MB"
        )


def bench_import(runs: int) -> None:
    """1,000 cards of notes imported, in each shape a teacher pastes: the revision-site format
    (title bullets, nested points), alternating question/answer lines, `term - definition` lines,
    a numbered outline, and Markdown headings with bullets."""
    import yaml

    data = yaml.safe_load(deck(1000).read_text(encoding="utf-8"))
    cards = data["cards"]
    site = [data["topic"], "", f"Cards ({len(cards)})", ""]
    for c in cards:
        site.append(f"  • {c['title']}")
        site += [f"    • {p}" for p in c["points"]]
    shapes = {
        "revision-site cards": site,
        "question/answer lines": [data["topic"]]
        + [x for c in cards for x in (f"What is {c['title']}?", c["points"][0])],
        "term - definition lines": [data["topic"]] + [f"{c['title']} - {c['points'][0]}" for c in cards],
        "numbered outline": [data["topic"]]
        + [
            x
            for i, c in enumerate(cards, 1)
            for x in [f"{i}. {c['title']}", *(f"{i}.{k} {p}" for k, p in enumerate(c["points"], 1))]
        ],
        "Markdown": [f"# {data['topic']}"]
        + [x for c in cards for x in [f"## {c['title']}", *(f"- {p}" for p in c["points"])]],
    }
    files = {}
    for what, lines in shapes.items():
        notes = WORK / ("notes-1000.md" if what == "Markdown" else f"notes-1000-{len(files)}.txt")
        notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files[what] = notes
    files.update(_documents(data["topic"], cards))
    for what, notes in files.items():
        cmd = [*studypack(), "import", str(notes), "-o", str(WORK / "imported"), "--force"]
        times = [measure(cmd) for _ in range(runs)]
        print(
            f"import 1,000 cards as {what} (whole process): median {statistics.median(t for t, _ in times):.2f} s, "
            f"peak {max(m for _, m in times):.0f} MB"
        )


def _documents(topic: str, cards: list[dict]) -> dict[str, Path]:
    """The same 1,000 cards as a Word document (a heading and bullets each), a presentation (a
    slide each) and an Anki package (a note each)."""
    import docx
    import genanki
    import pptx

    d = docx.Document()
    d.add_paragraph(topic, style="Title")
    for c in cards:
        d.add_heading(c["title"], 1)
        for p in c["points"]:
            d.add_paragraph(p, style="List Bullet")
    d.save(WORK / "notes-1000.docx")
    prs = pptx.Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = topic
    for c in cards:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = c["title"]
        s.placeholders[1].text_frame.text = "\n".join(c["points"])
    prs.save(WORK / "notes-1000.pptx")
    deck = genanki.Deck(1, topic)
    for c in cards:
        deck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=[c["title"], "<br>".join(c["points"])]))
    genanki.Package(deck).write_to_file(str(WORK / "notes-1000.apkg"))
    return {"a Word document": WORK / "notes-1000.docx", "a PowerPoint presentation": WORK / "notes-1000.pptx",
            "an Anki package": WORK / "notes-1000.apkg"}  # fmt: skip


def bench_load(runs: int) -> None:
    sys.path.insert(0, str(REPO))
    from studypack.load.manifest import load_pack

    p = pack(1000)
    load_pack(str(p))  # warm imports
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        load_pack(str(p))
        times.append(time.perf_counter() - t)
    print(f"load + validate 1,000 cards (in process): median {statistics.median(times) * 1000:.1f} ms")


def bench_check(runs: int) -> None:
    cmd = [*studypack(), "check", str(REPO / "content" / "pack.yaml")]
    base = [sys.executable, "-c", "import yaml"]
    pairs = [(measure(cmd)[0], measure(base)[0]) for _ in range(runs)]
    ours, bare = statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs)
    print(f"check the example pack (whole process): median {ours:.3f} s; python -c 'import yaml' {bare:.3f} s "
          f"({ours / bare:.2f}x)")  # fmt: skip


def bench_long_paragraph(runs: int) -> None:
    """One paragraph of about 500 KB on cards: fitting must stay linear in its length."""
    for n in (20_000, 40_000, 80_000):
        topic = WORK / f"long-{n}.yaml"
        words = " ".join(f"word{i}" for i in range(n))
        topic.write_text(f"topic: Long\ncards:\n  - title: A long text\n    text: {words}\n")
        manifest = WORK / f"long-{n}-pack.yaml"
        manifest.write_text(f"title: Long\ntopics: [{topic.name}]\nsections:\n  - layout: cards\n")
        times = [
            measure([*studypack(), "build", str(manifest), "-o", str(WORK / "long.pdf"), "-q"])
            for _ in range(runs)
        ]
        kb = topic.stat().st_size // 1024
        print(f"one paragraph of {kb} KB on cards: median {statistics.median(t for t, _ in times):.2f} s, "
              f"peak {max(m for _, m in times):.0f} MB")  # fmt: skip


def bench_crossword(runs: int) -> None:
    """A 20-term crossword with its key, `build --only crossword --only crossword-key` (target:
    under 0.3 s for the whole process)."""
    words = ["photosynthesis", "chlorophyll", "stomata", "glucose", "osmosis", "diffusion", "mitochondria",
             "nucleus", "ribosome", "enzyme", "alveoli", "capillary", "artery", "vein", "plasma", "platelet",
             "antibody", "vaccine", "pathogen", "hormone"]  # fmt: skip
    lines = ["topic: Twenty terms", "key_terms:"]
    for w in words:
        lines += [
            f"  - term: {w.capitalize()}",
            f"    definition: What the {w[:3]}... word means, in a short clue",
        ]
    (WORK / "crossword-20.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = WORK / "pack-crossword.yaml"
    p.write_text("title: Crossword bench\ntopics: [crossword-20.yaml]\nsections:\n  - layout: crossword\n",
                 encoding="utf-8")  # fmt: skip
    cmd = [*studypack(), "build", str(p), "--only", "crossword", "--only", "crossword-key", "-o",
           str(WORK / "crossword.pdf"), "-q"]  # fmt: skip
    times = [measure(cmd) for _ in range(runs)]
    print(
        f"crossword, 20 terms with its key (whole process): median {statistics.median(t for t, _ in times):.3f} s "
        f"(min {min(t for t, _ in times):.3f}), peak {max(m for _, m in times):.0f} MB"
    )


def _formula(i: int) -> str:
    """The i-th of many distinct formulas of the kinds teachers write."""
    kinds = (
        r"E_k = \frac{1}{2} m v^{%d}",
        r"\sqrt{x^2 + %d y^2}",
        r"F = %d\,\mathrm{N}",
        r"\alpha_{%d} + \beta = \gamma",
        r"\begin{pmatrix} %d & 0 \\ 0 & 1 \end{pmatrix}",
        r"\ce{C%dH%d + O2 -> CO2 + H2O}",
    )
    k = kinds[i % len(kinds)]
    return k % ((i,) * k.count("%d"))


def bench_maths(runs: int) -> None:
    """300 cards, each with a distinct formula: the first build lays every one out (an empty cache
    folder), the next ones read them from the cache folder."""
    import tempfile

    lines = ["topic: Formulas", "cards:"]
    for i in range(300):
        lines += [f"  - title: Formula {i}", f"    text: 'The rule: ${_formula(i)}$, to learn.'"]
    (WORK / "maths.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = WORK / "pack-maths.yaml"
    p.write_text("title: Formulas\ntopics: [maths.yaml]\nsections:\n  - layout: cards\n", encoding="utf-8")
    cmd = [*studypack(), "build", str(p), "-o", str(WORK / "maths.pdf"), "-q"]
    first, after = [], []
    for _ in range(runs):
        env = {**ENV, "STUDYPACK_CACHE_DIR": tempfile.mkdtemp(prefix="bench-maths-")}
        first.append(measure(cmd, env))
        after.append(measure(cmd, env))
    for what, times in (("first build", first), ("cache folder filled", after)):
        print(
            f"300 cards with distinct formulas, {what} (whole process): median "
            f"{statistics.median(t for t, _ in times):.2f} s, peak {max(m for _, m in times):.0f} MB"
        )


def bench_hostile(runs: int) -> None:
    """Hostile text must cost linear time and memory: one word of up to 2 MB without a space (on cards
    and a summary), 200,000 unclosed markers (`*a ` and `~a`), and a multiple-choice quiz of up to
    10,000 questions. Each at two or more sizes, so a square law shows as a ratio of four."""
    cases: list[tuple[str, str, str]] = []
    for mb in (0.5, 1, 2):
        text = "a" * int(mb * 1_000_000)
        cases.append((f"one word of {mb} MB", f"  - title: A\n    text: {text}\n", "cards, summary"))
    for n in (100_000, 200_000):
        cases.append((f"{n:,} unclosed '*'", f"  - title: A\n    text: '{'*a ' * n}'\n", "cards"))
        cases.append((f"{n:,} '~a' (one word)", f"  - title: A\n    text: '{'~a' * n}'\n", "cards"))
    for n in (2_500, 5_000, 10_000):
        qs = "".join(
            f"  - front: Question {i} about the topic?\n    back: Answer {i} in words\n" for i in range(n)
        )
        cases.append((f"multiple-choice quiz of {n:,} questions", qs, "quiz:multiple-choice"))
    for k, (what, cards, layouts) in enumerate(cases):
        (WORK / f"hostile-{k}.yaml").write_text(f"topic: H\ncards:\n{cards}", encoding="utf-8")
        sections = "".join(
            f"  - layout: {lay.split(':')[0]}\n" + (f"    style: {lay.split(':')[1]}\n" if ":" in lay else "")
            for lay in layouts.split(", ")
        )
        manifest = WORK / f"hostile-{k}-pack.yaml"
        manifest.write_text(f"title: H\ntopics: [hostile-{k}.yaml]\nsections:\n{sections}", encoding="utf-8")
        times = [
            measure([*studypack(), "build", str(manifest), "-o", str(WORK / "hostile.pdf"), "-q", "-j", "1"])
            for _ in range(runs)
        ]
        print(f"{what} ({layouts}): median {statistics.median(t for t, _ in times):.2f} s, "
              f"peak {max(m for _, m in times):.0f} MB")  # fmt: skip


def bench_version(runs: int) -> None:
    times = [measure([*studypack(), "--version"])[0] for _ in range(runs)]
    print(f"studypack --version (whole process): median {statistics.median(times):.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--peer", action="store_true", help="also time Typst (pip install typst)")
    ap.add_argument(
        "--what",
        default="all",
        help="comma-separated: version,check,load,long,hostile,summary,organiser,timeline,worksheets,year,"
        "retrieval,crossword,pictures,import,cards,scaling,maths",
    )
    ap.add_argument(
        "--peers", help="folder of the peers (gen_deck.py, typst_cards.py); default ../shared/peers"
    )
    args = ap.parse_args()
    global PEERS
    if args.peers:
        PEERS = Path(args.peers).resolve()
    if not (PEERS / "gen_deck.py").exists():
        raise SystemExit(
            f"no peers in {PEERS}: point --peers or STUDYPACK_PEERS at the folder with gen_deck.py"
        )
    what = set(args.what.split(",")) if args.what != "all" else None
    WORK.mkdir(exist_ok=True)
    os.chdir(WORK)
    measure([*studypack(), "build", str(pack(100)), "-o", str(WORK / "warm.pdf")])  # writes the .pyc files
    benches = {
        "version": lambda: bench_version(args.runs),
        "check": lambda: bench_check(args.runs),
        "load": lambda: bench_load(args.runs),
        "long": lambda: bench_long_paragraph(min(args.runs, 3)),
        "hostile": lambda: bench_hostile(min(args.runs, 3)),
        "summary": lambda: bench_summary(args.runs),
        "organiser": lambda: bench_organiser(args.runs),
        "timeline": lambda: bench_timeline(args.runs),
        "worksheets": lambda: bench_worksheets(args.runs),
        "retrieval": lambda: bench_retrieval(args.runs),
        "crossword": lambda: bench_crossword(args.runs),
        "year": lambda: bench_year_group(args.runs),
        "pictures": lambda: bench_pictures(args.runs),
        "import": lambda: bench_import(args.runs),
        "cards": lambda: bench_cards([int(s) for s in args.sizes.split(",")], args.runs, args.peer),
        "scaling": lambda: bench_scaling(min(args.runs, 3)),
        "maths": lambda: bench_maths(min(args.runs, 3)),
    }
    for name, run in benches.items():
        if what is None or name in what:
            run()


if __name__ == "__main__":
    main()
