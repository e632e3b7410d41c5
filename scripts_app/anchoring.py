"""Find where a quoted line of an older revision stands in a newer text."""


def locate(lines: list[str], anchor: str, hint: int) -> int | None:
    """1-based line number of `anchor` in `lines`, nearest to `hint`; None if it is gone."""
    anchor = anchor.strip()
    if not anchor:
        return None
    matches = [i + 1 for i, line in enumerate(lines) if line.strip() == anchor]
    if not matches:
        return None
    return min(matches, key=lambda line: abs(line - hint))
