"""Cutting a script's source text into episodes (for samples and reads)."""

from dataclasses import dataclass

from scripts_app.document import parse


@dataclass(frozen=True)
class EpisodeText:
    number: int
    title: str
    text: str


def episode_texts(text: str, fmt: str, first: int | None, last: int | None) -> list[EpisodeText]:
    """The source text of each episode numbered first..last (all of them when both are
    None): from its heading to the next episode's heading."""
    if not text:
        return []
    found = parse(text, fmt).episodes
    lines = text.splitlines()
    out = []
    for index, episode in enumerate(found):
        if first is not None and episode.number < first:
            continue
        if last is not None and episode.number > last:
            continue
        end = found[index + 1].line - 1 if index + 1 < len(found) else len(lines)
        body = "\n".join(lines[episode.line - 1 : end]).strip()
        out.append(EpisodeText(number=episode.number, title=episode.title or "", text=body))
    return out


def range_text(text: str, fmt: str, first: int | None, last: int | None) -> str:
    """The source text of episodes first..last, in one piece (the whole text for None)."""
    if first is None and last is None:
        return text
    return "\n\n".join(episode.text for episode in episode_texts(text, fmt, first, last))
