"""Series and their revisions for the scale set, in bulk, stored as the workspace stores them.

Each series' text is generated from templates (`seeds.scale.texts`), revision by revision,
and every revision goes through `scripts_app.services.revisions.revision_content`: the
project's parser, its chunking, its hashes and its summary, exactly what `revision_save`
stores. Chunks are content-addressed (`chunks_ensure`), so the episodes a save did not
touch are shared with the revision before, as in real use. Parsing is the expensive part;
with `jobs` > 1 it runs in worker processes while the main process writes.
"""

import multiprocessing
from collections.abc import Sequence
from datetime import datetime, timedelta
from multiprocessing.pool import Pool
from typing import Any

from django.db import connections, transaction

from core.models import AuditEntry
from scripts_app.models import (
    AIAssistance,
    Collaborator,
    CollaboratorRole,
    Revision,
    RevisionColor,
    RevisionKind,
    Series,
    Visibility,
)
from scripts_app.services.revisions import chunks_ensure, head_counters, revision_content
from scripts_app.text import normalise_text
from seeds.scale.bulk import Progress, audit_rows, batched, insert
from seeds.scale.state import Person, RevisionInfo, SeriesInfo, World
from seeds.scale.texts import SeriesDraft, logline, series_title
from taxonomy.models import Term, TermKind

BATCH = 1000
# Chunks looked up and stored per query (SQLite allows 32,766 parameters a statement).
CHUNK_BATCH = 5000

# (index, format, theme slug, title, byline, logline, planned, paywall, plan); plan is a
# list of ("add", episodes) or ("edit", 0), one per revision.
TextSpec = tuple[int, str, str, str, str, str, int, int | None, list[tuple[str, int]]]
# Per revision: (chunk hashes, text hash, parsed summary); and every chunk's text by hash.
TextResult = tuple[list[tuple[list[str], str, dict[str, Any]]], dict[str, str]]


def series_texts(seed: int, spec: TextSpec) -> TextResult:
    """Generate and parse one series' revisions. Pure: runs in a worker process."""
    import random

    index, fmt, theme, title, byline, about, planned, paywall, plan = spec
    draft = SeriesDraft(
        rng=random.Random(f"{seed}:text:{index}"), fmt=fmt, theme=theme, title=title,
        byline=byline, about=about, planned=planned, paywall=paywall,
    )  # fmt: skip
    revisions: list[tuple[list[str], str, dict[str, Any]]] = []
    chunks: dict[str, str] = {}
    for step, count in plan:
        if step == "add":
            for _episode in range(count):
                draft.add_episode()
        else:
            draft.edit_episode()
        content = revision_content(normalise_text(draft.text()), fmt)
        if revisions and content.sha256 == revisions[-1][1]:
            continue  # revision_save keeps no revision of an unchanged text
        chunks.update(zip(content.hashes, content.chunks, strict=True))
        revisions.append((content.hashes, content.sha256, content.stats))
    return revisions, chunks


def _texts_worker(args: tuple[int, TextSpec]) -> TextResult:
    return series_texts(*args)


class TextMaker:
    """Generates and parses series texts, in worker processes when jobs > 1."""

    def __init__(self, seed: int, jobs: int):
        self.seed = seed
        self.pool: Pool | None = None
        if jobs > 1:
            # Workers never touch the database; the parent's connection must not be
            # shared with them across the fork.
            connections.close_all()
            self.pool = multiprocessing.get_context("fork").Pool(jobs)

    def submit(self, specs: Sequence[TextSpec]) -> Any:
        if self.pool is None:
            return [series_texts(self.seed, spec) for spec in specs]
        return self.pool.map_async(_texts_worker, [(self.seed, s) for s in specs], chunksize=20)

    @staticmethod
    def result(pending: Any) -> list[TextResult]:
        return pending if isinstance(pending, list) else pending.get()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None


def load_series(world: World, progress: Progress, maker: TextMaker) -> None:
    options = world.options
    rng = world.rng("series")
    terms: dict[str, list[Term]] = {kind: [] for kind in TermKind.values}
    for term in Term.objects.filter(is_active=True).order_by("kind", "position", "pk"):
        terms[term.kind].append(term)
    writers = world.writers
    desk = writers[0]
    others = writers[1:] or writers
    desk_count = min(options.series, max(0, options.desk_series - options.big_series))
    # A few prolific writers and a long tail, as on any writing platform.
    weights = [1 / (rank + 1) ** 0.5 for rank in range(len(others))]
    owners = [desk] * desk_count + rng.choices(
        others, weights=weights, k=options.series - desk_count
    )

    by_org: dict[int, list[Person]] = {}
    for writer in writers:
        for organisation in writer.organisations:
            by_org.setdefault(organisation, []).append(writer)

    plans = []
    for index, owner in enumerate(owners):
        created = world.now - timedelta(days=rng.uniform(1, 365))
        plans.append((created, index, owner))
    plans.sort(key=lambda plan: plan[0])  # primary keys follow time, as in real use

    with progress.stage("series and revisions") as made:
        counts = {"series": 0, "revisions": 0, "chunks": 0, "collaborators": 0}
        batches = [list(b) for b in batched(plans, BATCH)]
        drafts = [[_plan(world, rng, terms, by_org, *plan) for plan in batch] for batch in batches]
        pending = maker.submit([d["spec"] for d in drafts[0]]) if drafts else None
        for number, batch in enumerate(drafts):
            results = maker.result(pending)
            if number + 1 < len(drafts):
                pending = maker.submit([d["spec"] for d in drafts[number + 1]])
            _write_batch(world, rng, batch, results, counts)
            progress.log(
                f"  series {counts['series']:,}/{options.series:,}, "
                f"revisions {counts['revisions']:,}, chunks {counts['chunks']:,}"
            )
        made += [
            f"{counts['series']:,} series",
            f"{counts['revisions']:,} revisions",
            f"{counts['chunks']:,} chunks",
            f"{counts['collaborators']:,} collaborators",
        ]


def _plan(world: World, rng, terms, by_org, created: datetime, index: int, owner: Person) -> dict:
    """Everything about one series but its text, drawn in the main process."""
    options = world.options
    fmt = "fountain" if rng.random() < (0.7 if owner.language == "en" else 0.12) else "zh"
    themes = rng.sample(terms["theme"], rng.choice([1, 1, 2]))
    genres = rng.sample(terms["genre"], rng.choice([1, 2]))
    audiences = [a for a in terms["audience"] if a.slug == "overseas"] if fmt == "fountain" else []
    if not audiences and rng.random() < 0.4:
        audiences = [rng.choice(terms["audience"])]
    theme = themes[0].slug
    title = series_title(rng, fmt, theme, 0)
    planned = rng.choice([30, 40, 60, 60, 80, 100])
    paywall = rng.choice([None, 10, 12, 15, 20])
    plan: list[tuple[str, int]] = [("add", rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6]))]
    for _revision in range(options.revisions - 1):
        plan.append(("add", rng.choice([1, 1, 2])) if rng.random() < 0.5 else ("edit", 0))
    collaborators: list[tuple[int, str]] = []
    for _extra in range(rng.choices([0, 1, 2], weights=[55, 35, 10])[0]):
        if rng.random() < 0.0015 and owner is not world.writers[0]:
            person = world.writers[0]  # the desk writer works on others' series too
        elif owner.organisations and rng.random() < 0.5:
            person = rng.choice(by_org[min(owner.organisations)])  # a classmate
        else:
            person = rng.choice(world.writers)
        if person.pk != owner.pk and person.pk not in {pk for pk, _role in collaborators}:
            role = CollaboratorRole.COWRITER if rng.random() < 0.55 else CollaboratorRole.READER
            collaborators.append((person.pk, role))
    byline = owner.name_zh if fmt == "zh" else owner.name_en
    about = logline(rng, fmt, theme)
    times = [created + timedelta(minutes=rng.uniform(5, 120))]
    for _revision in plan[1:]:
        times.append(
            min(
                world.now - timedelta(minutes=30),
                times[-1] + timedelta(hours=rng.uniform(0.5, 400)),
            )
        )
    return {
        "spec": (index, fmt, theme, title, byline, about, planned, paywall if paywall and paywall <= planned else None, plan),
        "owner": owner,
        "created": created,
        "themes": themes,
        "genres": genres,
        "audiences": audiences,
        "visibility": Visibility.PLATFORM if rng.random() < 0.2 else Visibility.PRIVATE,
        "collaborators": collaborators,
        "times": times,
        "ai": rng.choices(list(AIAssistance.values), weights=[80, 10, 5, 5])[0],
    }  # fmt: skip


def _write_batch(world: World, rng, batch: list[dict], results: list[TextResult], counts) -> None:
    with transaction.atomic():
        rows = []
        for plan, (revisions, _chunks) in zip(batch, results, strict=True):
            index, fmt, _theme, title, _byline, about, planned, paywall, _steps = plan["spec"]
            head_stats = revisions[-1][2]
            rows.append(
                Series(
                    owner_id=plan["owner"].pk, title=title, logline=about,
                    synopsis=about, language="zh-hans" if fmt == "zh" else "en", format=fmt,
                    planned_episodes=planned, target_episode_seconds=rng.choice([60, 90, 90, 120]),
                    paywall_episode=paywall, ai_assistance=plan["ai"],
                    ai_note="" if plan["ai"] == AIAssistance.NONE else "用于头脑风暴，正文由编剧完成。",
                    visibility=plan["visibility"], created_at=plan["created"],
                    updated_at=plan["times"][len(revisions) - 1], **head_counters(head_stats),
                )
            )  # fmt: skip
        insert(Series, rows)
        for relation in ("themes", "genres", "audiences"):
            through = getattr(Series, relation).through
            insert(
                through,
                [
                    through(series_id=series.pk, term_id=term.pk)
                    for series, plan in zip(rows, batch, strict=True)
                    for term in plan[relation]
                ],
            )
        collaborators = [
            Collaborator(
                series=series, user_id=user_id, role=role, added_by_id=series.owner_id,
                created_at=series.created_at + timedelta(hours=rng.uniform(1, 48)),
            )
            for series, plan in zip(rows, batch, strict=True)
            for user_id, role in plan["collaborators"]
        ]  # fmt: skip
        insert(Collaborator, collaborators)

        texts: dict[str, str] = {}
        for _revisions, chunks in results:
            texts.update(chunks)
        chunk_ids: dict[str, int] = {}
        hashes = list(texts)
        for part in batched(hashes, CHUNK_BATCH):
            chunk_ids.update(chunks_ensure({h: texts[h] for h in part}))

        infos = []
        for series, plan in zip(rows, batch, strict=True):
            cowriters = tuple(u for u, r in plan["collaborators"] if r == CollaboratorRole.COWRITER)
            readers = tuple(u for u, r in plan["collaborators"] if r == CollaboratorRole.READER)
            infos.append(
                SeriesInfo(
                    pk=series.pk, owner=series.owner_id, title=series.title, fmt=series.format,
                    language=series.language, private=series.visibility == Visibility.PRIVATE,
                    cowriters=cowriters, readers=readers, created_at=series.created_at,
                )
            )  # fmt: skip
        depth = max(len(revisions) for revisions, _chunks in results)
        for level in range(depth):
            level_rows = []
            for series, plan, info, (revisions, _chunks) in zip(
                rows, batch, infos, results, strict=True
            ):
                if level >= len(revisions):
                    continue
                hashes_, sha, stats = revisions[level]
                authors = [series.owner_id, *info.cowriters]
                author = (
                    series.owner_id if level == 0 or rng.random() < 0.7 else rng.choice(authors)
                )
                name, color = "", ""
                if level == 0 and rng.random() < 0.15:
                    name, color = (
                        ("初稿" if series.format == "zh" else "First draft"),
                        RevisionColor.WHITE,
                    )
                elif level == len(revisions) - 1 and level and rng.random() < 0.1:
                    name, color = (
                        ("二稿" if series.format == "zh" else "Second draft"),
                        RevisionColor.BLUE,
                    )
                level_rows.append(
                    Revision(
                        series=series, number=level + 1,
                        parent_id=info.revisions[-1].pk if level else None, author_id=author,
                        kind=RevisionKind.SAVE if level == 0 or rng.random() < 0.6 else RevisionKind.AUTOSAVE,
                        format=series.format, sha256=sha, chunk_ids=[chunk_ids[h] for h in hashes_],
                        stats=stats, name=name, color=color, created_at=plan["times"][level],
                    )
                )  # fmt: skip
            insert(Revision, level_rows)
            by_series = {revision.series_id: revision for revision in level_rows}
            for series, info in zip(rows, infos, strict=True):
                revision = by_series.get(series.pk)
                if revision is not None:
                    info.revisions.append(
                        RevisionInfo(
                            pk=revision.pk, number=revision.number,
                            created_at=revision.created_at, episodes=revision.stats["episodes"],
                        )
                    )  # fmt: skip
                    series.head_id = revision.pk
        Series.objects.bulk_update(rows, ["head"], batch_size=500)
        insert(
            AuditEntry,
            audit_rows(
                Series,
                ((s.owner_id, "series.created", s, {}, s.created_at) for s in rows),
            ),
        )
        world.series.extend(infos)
        counts["series"] += len(rows)
        counts["revisions"] += sum(len(info.revisions) for info in infos)
        counts["chunks"] += len(texts)
        counts["collaborators"] += len(collaborators)
