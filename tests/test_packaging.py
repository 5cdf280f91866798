"""What a release ships: the sdist carries the docs, the JSON Schemas, the bundled plan and
the tests with their fixtures (its tests run from it); the wheel installs the docs and
schemas in share/doc/planner-cpm/, as the README says; the project URLs are set, and every
link of the README (the package index's page) is absolute and leads to a file of this tree.

The builds use `python -m build` (PyPA's front end: an sdist, then a wheel built from the
unpacked sdist, each in an isolated environment with the build requirements of
pyproject.toml), on a copy of the tree, so nothing is written into it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SHIPPED = ("docs", "plans", "tests", "tools", "bench")  # in the sdist, every file (MANIFEST.in)
DOCS = ("plan-format.md", "plan.schema.json", "scale.md", "status.schema.json")
LEFT_OUT = re.compile(r"(^|/)(__pycache__|\.pytest_cache|\.hypothesis)(/|$)|\.py[co]$")


def source_files(root: Path) -> list[str]:
    """The files of the tree a release is made from: in a checkout those git tracks or would
    (not ignored), in an unpacked sdist every file."""
    if (root / ".git").exists() and shutil.which("git"):
        out = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], check=True,
                             capture_output=True).stdout.decode("utf-8")
        names = [n for n in out.split("\0") if n]
    else:
        names = [p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()]
    return sorted(n for n in names if not LEFT_OUT.search(n) and (root / n).is_file())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel of a copy of this tree."""
    if shutil.which("git") is None and not (ROOT / "PKG-INFO").exists():
        pytest.skip("git is needed to know the files of the checkout")
    try:
        import build  # noqa: F401 - PyPA's front end, in the test extra
    except ImportError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"the build package is required in CI: {exc}")
        pytest.skip(f"python -m build not available: {exc}")
    base = tmp_path_factory.mktemp("release")
    tree, out = base / "tree", base / "dist"
    for name in source_files(ROOT):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tree / name)
    done = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(tree)],
                          capture_output=True, text=True, encoding="utf-8", errors="replace")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    kinds = {"sdist": out.glob("*.tar.gz"), "bdist_wheel": out.glob("*.whl")}
    found = {kind: list(paths) for kind, paths in kinds.items()}
    assert all(len(paths) == 1 for paths in found.values()), found
    return {kind: paths[0] for kind, paths in found.items()} | {"tree": tree}


def sdist_names(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as tar:
        return {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name and m.isfile()}


@pytest.mark.package
def test_the_sdist_carries_docs_schemas_the_bundled_plan_and_tests_with_fixtures(
        built: dict[str, Path]) -> None:
    names = sdist_names(built["sdist"])
    wanted = [n for n in source_files(ROOT) if n.split("/", 1)[0] in SHIPPED]
    assert [n for n in wanted if n not in names] == []
    assert {"README.md", "LICENSE", "pyproject.toml", "MANIFEST.in"} <= names
    assert {f"docs/{d}" for d in DOCS} | {"tests/fixtures/mspdi/mspdi_pj12.xsd",
                                          "plans/yushan-2023h2/plan.yaml"} <= names
    assert not [n for n in names if LEFT_OUT.search(n)]


@pytest.mark.package
def test_the_sdists_tests_run_from_it(built: dict[str, Path], tmp_path: Path) -> None:
    """Tests that read fixtures, the docs, the schemas and the bundled plan pass in the
    unpacked sdist, with the package from it."""
    with tarfile.open(built["sdist"]) as tar:
        tar.extractall(tmp_path, filter="data")
    (unpacked,) = tmp_path.iterdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider",
         "tests/test_docs.py", "tests/test_mspdi_schema.py", "tests/test_load.py"],
        cwd=unpacked, env=env, capture_output=True, text=True, encoding="utf-8",
        errors="replace")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout


@pytest.mark.package
def test_the_wheel_installs_the_docs_and_schemas_where_the_readme_says(
        built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["bdist_wheel"]) as wheel:
        names = set(wheel.namelist())
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = wheel.read(metadata).decode("utf-8")
    data = [n.split(".data/data/", 1)[1] for n in names if ".data/data/" in n]
    assert sorted(data) == sorted(f"share/doc/planner-cpm/{d}" for d in DOCS)
    assert "share/doc/planner-cpm/" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "planner/py.typed" in names and "planner/assets/plotly-basic.min.js" in names
    assert not [n for n in names if n.startswith(("tests/", "plans/", "docs/"))]
    urls = dict(line.removeprefix("Project-URL: ").split(", ", 1)
                for line in meta.splitlines() if line.startswith("Project-URL: "))
    assert urls == PROJECT["urls"] and "Package" in urls
    body = meta.split("\n\n", 1)[1]  # the README, as the package index shows it
    assert body.strip() == (ROOT / "README.md").read_text(encoding="utf-8").strip()


# -- the README's links (quick: reads files only) ---------------------------------------------


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.S | re.M)
    return {github_slug(m.group(1)) for m in re.finditer(r"^#+ (.+)$", text, re.M)}


def test_github_slugs_as_github_makes_them() -> None:
    assert github_slug("`sent/DATE.yaml` — the forms sent for a data date") == \
        "sentdateyaml--the-forms-sent-for-a-data-date"
    assert github_slug("Schedule checks (`check`)") == "schedule-checks-check"


def test_readme_links_lead_to_files_and_headings_of_this_tree() -> None:
    """Each link of the README into the project names a file (and heading) that exists
    here; the sdist carries them (relative links: the repository's public address is not
    set yet, see pyproject.toml)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", readme, flags=re.S | re.M)
    links = re.findall(r"\]\(([^)\s]+)\)", prose)
    assert len(links) >= 9
    for link in links:
        if link.startswith("https://"):
            continue
        rest, _, anchor = link.partition("#")
        path = ROOT / rest if rest else ROOT / "README.md"
        assert path.is_file(), link
        assert not anchor or anchor in anchors(path), link
