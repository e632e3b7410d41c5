"""Filing numbers (网微剧备字) and licence numbers (网微剧审字) of online micro-dramas.

What they look like, from the numbers printed in opening credits and platform notices:
``网微剧备字（2024）第0123号`` or ``（2024）网微剧备字第0123号``, often with the issuing
province first (``（浙）网微剧备字（2024）第012号``); licences (网络剧片发行许可证) read
``网微剧审字（2024）第001号``. We have not seen an official specification, so the pattern
is permissive where practice varies: either parenthesis width, the province (one or two
Chinese characters) optional, the year before or after the kind, one to six digits, spaces
ignored. Numbers are stored normalised (full-width parentheses, no spaces).
"""

import re

FILING = "filing"  # 网微剧备字
LICENCE = "licence"  # 网微剧审字
KIND_WORDS = {FILING: "网微剧备字", LICENCE: "网微剧审字"}

_OPEN, _CLOSE = "[(（]", "[)）]"
_YEAR = rf"{_OPEN}(?P<year{{n}}>(?:19|20)\d\d){_CLOSE}"
PATTERN = re.compile(
    rf"^(?:{_OPEN}(?P<province>[\u4e00-\u9fff]{{1,2}}){_CLOSE})?"
    rf"(?:{_YEAR.format(n=1)})?"
    r"网微剧(?P<kind>[备审])字"
    rf"(?:{_YEAR.format(n=2)})?"
    r"第(?P<serial>\d{1,6})号$"
)


def normalise(number: str) -> str:
    """Without spaces, with full-width parentheses."""
    text = re.sub(r"\s+", "", number or "")
    return text.replace("(", "（").replace(")", "）")


def parse(number: str) -> dict[str, str] | None:
    """``{"kind", "province", "year", "serial", "number"}`` of a valid number, else None.

    Exactly one year is required (before or after the kind word).
    """
    text = normalise(number)
    match = PATTERN.match(text)
    if match is None:
        return None
    years = [year for year in (match["year1"], match["year2"]) if year]
    if len(years) != 1:
        return None
    return {
        "kind": FILING if match["kind"] == "备" else LICENCE,
        "province": match["province"] or "",
        "year": years[0],
        "serial": match["serial"],
        "number": text,
    }
