"""The README snippets marked `<!-- tested: NAME (…) -->`: the fenced block after each mark."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def snippet(name: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    mark = re.search(r"<!-- tested: " + re.escape(name) + r"\b[^>]*-->\n```[a-z]*\n(.*?)\n```", text, re.S)
    if not mark:
        raise SystemExit(f"README.md has no snippet marked `<!-- tested: {name} … -->`")
    return mark.group(1) + "\n"
