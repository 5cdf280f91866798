"""Reads every .xml file in a folder (MPXJ's public test corpus, say) the way `planner
import` does (its format told by its content, then read), and counts what happened to
each: imported, refused with a located message, or a traceback (any exception other than
the tool's own refusal).

    python bench/corpus_mspdi.py CORPUS_FOLDER            # every *.xml under it
    python bench/corpus_mspdi.py CORPUS_FOLDER --list     # one line per file too
    python bench/corpus_mspdi.py CORPUS_FOLDER --json figures.json

To take the files from a git checkout of MPXJ without a work tree:

    mkdir corpus && git -C mpxj ls-tree -r --name-only HEAD | grep 'junit/data/.*\\.xml$' |
      while read p; do git -C mpxj show "HEAD:$p" > "corpus/$(echo "$p" | tr / _)"; done

For each imported file it also schedules the plan folder as imported (with its progress,
at the snapshot's date) and counts the leaf tasks whose start and finish days are the ones
the file stores (MS Project's own dates): "on stored dates". A finish stored at the start
of a day (08:00 or earlier) is the end of the working day before. Tasks are matched to the
file's by name in file order; a task with no such match counts as not on its dates.

Not a test: it prints figures (exit code non-zero only when a file raised a traceback).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner import exchange
from planner.domain.diagnostics import PlanError
from planner.exchange import mspdi_read


def stored_dates(data: bytes) -> list[tuple[str, date | None, date | None]]:
    """(name, start day, finish day) of each leaf task of the file, in file order."""
    try:
        root = ET.fromstring(mspdi_read._as_utf8(data, mspdi_read.Location("x"))[0])
    except (ET.ParseError, PlanError):
        return []
    for e in root.iter():
        if isinstance(e.tag, str) and "}" in e.tag:
            e.tag = e.tag.rpartition("}")[2]
    out = []
    tasks = root.find("Tasks")
    for el in tasks.findall("Task") if tasks is not None else ():
        if el.findtext("Summary") == "1" or el.findtext("OutlineLevel") == "0":
            continue
        out.append(((el.findtext("Name") or "").strip(), _day(el.findtext("Start"), False),
                    _day(el.findtext("Finish"), True)))
    return out


def _day(text: str | None, finish: bool) -> date | None:
    try:
        when = datetime.fromisoformat((text or "").strip())
    except ValueError:
        return None
    if finish and when.hour * 60 + when.minute <= 8 * 60:  # the end of the day before
        return when.date() - timedelta(days=1)
    return when.date()


def on_dates(imported: mspdi_read.Imported, data: bytes) -> tuple[int, int]:
    """(leaf tasks on the file's stored dates, leaf tasks) of an imported file."""
    from planner.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in imported.files.items():
            path = Path(tmp) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        project = Project.open(tmp)
        s = project.track(imported.status_date).forecast if imported.status_date \
            else project.schedule()
        stored = stored_dates(data)
        at = 0
        hits = total = 0
        for i, t in enumerate(project.plan.tasks):
            if t.is_summary:
                continue
            total += 1
            j = next((k for k in range(at, len(stored)) if stored[k][0] == t.name), None)
            if j is None:
                continue
            at = j + 1
            _, start, finish = stored[j]
            d = s.tasks[i]
            if t.is_milestone:
                hits += start is not None and d.start == start
            else:
                hits += (d.start, d.finish) == (start, finish)
        return hits, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="the folder of *.xml files (searched deeply)")
    ap.add_argument("--list", action="store_true", help="one line per file")
    ap.add_argument("--json", type=Path, help="write the figures and each file's fate here")
    ap.add_argument("--no-dates", action="store_true", help="skip the stored-dates count")
    args = ap.parse_args()
    files = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() == ".xml")
    if not files:
        print(f"{args.folder}: no .xml files", file=sys.stderr)
        return 2
    fates: dict[str, dict[str, object]] = {}
    counts: collections.Counter[str] = collections.Counter()
    codes: collections.Counter[str] = collections.Counter()
    hits = total = 0
    for path in files:
        name = str(path.relative_to(args.folder))
        data = path.read_bytes()
        try:
            imported = exchange.detect(path).read(path, "imported")
        except (PlanError, exchange.Refused) as exc:
            first = exc.diagnostics[0] if isinstance(exc, PlanError) else \
                exc.diagnostic("format")
            counts["refused"] += 1
            codes[first.code] += 1
            fates[name] = {"fate": "refused", "message": first.render("en")}
        except Exception:
            counts["traceback"] += 1
            fates[name] = {"fate": "traceback", "message": traceback.format_exc(limit=-1)}
        else:
            counts["imported"] += 1
            fate: dict[str, object] = {"fate": "imported", "tasks": len(imported.plan.tasks),
                                       "warnings": len(imported.warnings)}
            if not args.no_dates:
                try:
                    h, n = on_dates(imported, data)
                except Exception:
                    counts["imported, not scheduled"] += 1
                    fate["message"] = traceback.format_exc(limit=-1)
                else:
                    hits, total = hits + h, total + n
                    fate["on_dates"] = [h, n]
            fates[name] = fate
        if args.list:
            f = fates[name]
            extra = f.get("message") or f"{f['tasks']} tasks, {f['warnings']} warnings" + (
                f", {f['on_dates'][0]}/{f['on_dates'][1]} on stored dates"  # type: ignore[index]
                if "on_dates" in f else "")
            line = str(extra).strip().splitlines()[0 if f["fate"] == "refused" else -1]
            line = line.removeprefix(str(path) + ": ")
            print(f"{f['fate']:9} {name}: {line[:200]}")
    print(f"{len(files)} files: {counts['imported']} imported, {counts['refused']} refused, "
          f"{counts['traceback']} tracebacks"
          + (f" ({counts['imported, not scheduled']} imported but not scheduled)"
             if counts["imported, not scheduled"] else ""))
    if codes:
        print("refusals by code: " + ", ".join(f"{c} {n}" for c, n in codes.most_common()))
    if total:
        print(f"leaf tasks on the file's stored dates: {hits:,} of {total:,} "
              f"({100 * hits / total:.1f} %)")
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "codes": codes, "on_dates":
                                         [hits, total], "files": fates}, indent=1,
                                        ensure_ascii=False), encoding="utf-8")
    return 1 if counts["traceback"] else 0


if __name__ == "__main__":
    sys.exit(main())
