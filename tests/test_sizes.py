"""The house stays readable: no Python module in app/ over 300 lines (one job each), no template line
over 160 characters. A file that grows past them is split along a seam, not squeezed."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULE_LINES = 300
TEMPLATE_LINE = 160


def too_long_modules(folder):
    return {
        f"{folder.name}/{path.relative_to(folder)}": lines
        for path in sorted(folder.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }


def too_wide_template_lines(folder):
    return [
        f"{folder.name}/{path.relative_to(folder)}:{number} ({len(line)} characters)"
        for path in sorted(folder.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > TEMPLATE_LINE
    ]


def test_the_checks_find_what_they_look_for(tmp_path):
    # A check that finds nothing must be able to find something.
    (tmp_path / "long.py").write_text("x = 1\n" * (MODULE_LINES + 1))
    (tmp_path / "short.py").write_text("x = 1\n" * MODULE_LINES)
    (tmp_path / "wide.html").write_text("<p>\n" + "x" * (TEMPLATE_LINE + 1) + "\n" + "y" * TEMPLATE_LINE)
    assert too_long_modules(tmp_path) == {f"{tmp_path.name}/long.py": MODULE_LINES + 1}
    assert too_wide_template_lines(tmp_path) == [
        f"{tmp_path.name}/wide.html:2 ({TEMPLATE_LINE + 1} characters)"
    ]


def test_no_app_module_is_over_300_lines():
    assert len(list((ROOT / "app").rglob("*.py"))) > 100
    assert too_long_modules(ROOT / "app") == {}


def test_no_template_line_is_over_160_characters():
    assert len(list((ROOT / "templates").rglob("*.html"))) > 100
    assert too_wide_template_lines(ROOT / "templates") == []
