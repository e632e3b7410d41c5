"""What the scale loader decides and remembers between its stages."""

import random
from dataclasses import dataclass, field
from datetime import datetime

SCALE_DOMAIN = "scale.microdrama.cn"
SCALE_PASSWORD = "microdrama-scale"  # noqa: S105 -- made-up accounts, like the demo's
# The accounts the page benchmark signs in as (bench/bench_pages.py).
DESK_WRITER = f"desk.writer@{SCALE_DOMAIN}"  # owns --desk-series series and the big ones
BUSY_REVIEWER = f"busy.reviewer@{SCALE_DOMAIN}"  # a verified mentor with many reviews


@dataclass(frozen=True)
class ScaleOptions:
    """The size and shape of the scale set (the command's options)."""

    writers: int = 20_000
    series: int = 100_000
    revisions: int = 3
    requests: int = 50_000
    organisations: int | None = None  # default: one per 40 writers, at least 3
    mentors: int | None = None  # default: one per 100 writers, at least 5
    desk_series: int = 1_100
    big_series: int = 3
    big_history: int = 40
    long_history: int = 500
    seed: int = 0
    jobs: int = 1
    password: str = SCALE_PASSWORD

    @property
    def organisation_count(self) -> int:
        return self.organisations if self.organisations is not None else max(3, self.writers // 40)

    @property
    def mentor_count(self) -> int:
        return self.mentors if self.mentors is not None else max(5, self.writers // 100)


@dataclass(slots=True)
class Person:
    pk: int
    email: str
    name_zh: str
    name_en: str
    language: str
    roles: frozenset[str]
    joined: datetime
    organisations: frozenset[int] = frozenset()


@dataclass(slots=True)
class RevisionInfo:
    pk: int
    number: int
    created_at: datetime
    episodes: int


@dataclass(slots=True)
class SeriesInfo:
    pk: int
    owner: int
    title: str
    fmt: str
    language: str
    private: bool
    cowriters: tuple[int, ...]
    readers: tuple[int, ...]
    created_at: datetime
    revisions: list[RevisionInfo] = field(default_factory=list)

    @property
    def writer_side(self) -> set[int]:
        """Owner and co-writers: whom a double-blind review hides."""
        return {self.owner, *self.cowriters}

    @property
    def people(self) -> set[int]:
        return {self.owner, *self.cowriters, *self.readers}


@dataclass
class World:
    options: ScaleOptions
    now: datetime
    password_hash: str
    writers: list[Person] = field(default_factory=list)  # writers[0] is the desk writer
    mentors: list[Person] = field(default_factory=list)  # mentors[0] is the busy reviewer
    staff: list[Person] = field(default_factory=list)
    org_admins: list[Person] = field(default_factory=list)
    people: dict[int, Person] = field(default_factory=dict)
    series: list[SeriesInfo] = field(default_factory=list)
    # reviewer -> writers they declared a conflict with
    conflicts: dict[int, set[int]] = field(default_factory=dict)

    def rng(self, stage: str) -> random.Random:
        """A generator for one stage: the same seed gives the same data, stage by stage."""
        return random.Random(f"{self.options.seed}:{stage}")
