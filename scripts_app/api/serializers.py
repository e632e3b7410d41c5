from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import BoundedIntegerField, SingleLineCharField
from core.markdown import render_markdown
from scripts_app.models import (
    AIAssistance,
    Collaborator,
    CollaboratorRole,
    ExportFormat,
    ExportJob,
    LineComment,
    ReaderExports,
    Revision,
    RevisionColor,
    ScriptFormat,
    Series,
    Visibility,
)
from scripts_app.text import MAX_SCRIPT_CHARS, MAX_SCRIPT_LINES, too_many_lines
from taxonomy.models import Term


def bounded_lines(value: str) -> None:
    """Refuse script text of more lines than a series may hold, before anything parses it."""
    if too_many_lines(value):
        raise serializers.ValidationError(
            _("A series may hold at most %(count)s lines.") % {"count": MAX_SCRIPT_LINES}
        )


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    display_name = serializers.CharField(read_only=True)


class HeadSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True)
    sha256 = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class ProgressSerializer(serializers.Serializer):
    episodes_written = serializers.IntegerField()
    planned_episodes = serializers.IntegerField()
    percent = serializers.IntegerField()
    scenes = serializers.IntegerField()
    words = serializers.IntegerField()
    chars = serializers.IntegerField()
    runtime_seconds = serializers.IntegerField()


class SeriesSerializer(serializers.ModelSerializer):
    owner = PersonSerializer(read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    genres = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    audiences = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    synopsis_html = serializers.SerializerMethodField()
    head = HeadSerializer(read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Series
        fields = [
            "id", "title", "logline", "synopsis", "synopsis_html", "language", "format", "themes",
            "genres", "audiences", "planned_episodes", "target_episode_seconds", "paywall_episode",
            "ai_assistance", "ai_note", "visibility", "reader_exports", "owner", "head",
            "progress", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_synopsis_html(self, series: Series) -> str:
        return str(render_markdown(series.synopsis))

    def get_progress(self, series: Series) -> ProgressSerializer:
        return ProgressSerializer(
            {
                "episodes_written": series.episodes_written,
                "planned_episodes": series.planned_episodes,
                "percent": series.progress_percent,
                "scenes": series.scene_count,
                "words": series.word_count,
                "chars": series.char_count,
                "runtime_seconds": series.runtime_seconds,
            }
        ).data


# One field instance renders every time as the serializers do (ISO 8601, current zone).
_DATETIME = serializers.DateTimeField()


def series_list_data(page: list[Series]) -> list[dict]:
    """`SeriesSerializer(page, many=True).data` as plain dicts, for the list endpoint
    (series from `selectors.series_list_for`, with their terms as lists).

    The same keys in the same order and the same values (tests/scripts_app/test_api.py
    compares the two); DRF's per-field machinery (a nested serializer per owner, head
    and progress, a field object per value) cost more than the page's queries. The
    serializer stays the schema and the single-series answer.
    """
    rows = []
    for series in page:
        head = series.head
        rows.append(
            {
                "id": series.pk,
                "title": series.title,
                "logline": series.logline,
                "synopsis": series.synopsis,
                "synopsis_html": str(render_markdown(series.synopsis)),
                "language": series.language,
                "format": series.format,
                "themes": [term.slug for term in series.theme_list],
                "genres": [term.slug for term in series.genre_list],
                "audiences": [term.slug for term in series.audience_list],
                "planned_episodes": series.planned_episodes,
                "target_episode_seconds": series.target_episode_seconds,
                "paywall_episode": series.paywall_episode,
                "ai_assistance": series.ai_assistance,
                "ai_note": series.ai_note,
                "visibility": series.visibility,
                "reader_exports": series.reader_exports,
                "owner": {"id": series.owner.pk, "display_name": series.owner.display_name},
                "head": None
                if head is None
                else {
                    "number": head.number,
                    "sha256": head.sha256,
                    "created_at": _DATETIME.to_representation(head.created_at),
                },
                "progress": {
                    "episodes_written": series.episodes_written,
                    "planned_episodes": series.planned_episodes,
                    "percent": series.progress_percent,
                    "scenes": series.scene_count,
                    "words": series.word_count,
                    "chars": series.char_count,
                    "runtime_seconds": series.runtime_seconds,
                },
                "created_at": _DATETIME.to_representation(series.created_at),
                "updated_at": _DATETIME.to_representation(series.updated_at),
            }
        )
    return rows


def _terms(kind: str) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        required=False,
        queryset=Term.objects.active().filter(kind=kind),
    )


class SeriesInputSerializer(serializers.Serializer):
    title = SingleLineCharField(max_length=120)
    logline = serializers.CharField(max_length=300, required=False, allow_blank=True)
    synopsis = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    format = serializers.ChoiceField(choices=ScriptFormat.choices, required=False)
    themes = _terms("theme")
    genres = _terms("genre")
    audiences = _terms("audience")
    planned_episodes = serializers.IntegerField(min_value=1, max_value=300, required=False)
    target_episode_seconds = serializers.IntegerField(min_value=30, max_value=600, required=False)
    paywall_episode = serializers.IntegerField(
        min_value=1, max_value=300, required=False, allow_null=True
    )
    ai_assistance = serializers.ChoiceField(choices=AIAssistance.choices, required=False)
    ai_note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    reader_exports = serializers.ChoiceField(
        choices=ReaderExports.choices, required=False,
        help_text="What readers may export: a copy watermarked with their name, or nothing.",
    )  # fmt: skip
    text = serializers.CharField(
        max_length=MAX_SCRIPT_CHARS, required=False, allow_blank=True, trim_whitespace=False,
        validators=[bounded_lines], help_text="Optional first text of the series.",
    )  # fmt: skip


class SeriesUpdateInputSerializer(SeriesInputSerializer):
    title = SingleLineCharField(max_length=120, required=False)
    text = None


class CollaboratorSerializer(serializers.ModelSerializer):
    user = PersonSerializer(read_only=True)

    class Meta:
        model = Collaborator
        fields = ["id", "user", "role", "created_at"]
        read_only_fields = fields


class CollaboratorInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=CollaboratorRole.choices)


class CollaboratorRoleInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=CollaboratorRole.choices)


class RevisionStatsSerializer(serializers.Serializer):
    episodes = serializers.IntegerField(default=0)
    scenes = serializers.IntegerField(default=0)
    words = serializers.IntegerField(default=0)
    chars = serializers.IntegerField(default=0)
    runtime_seconds = serializers.IntegerField(default=0)


class RevisionSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True, allow_null=True)
    color = serializers.ChoiceField(choices=RevisionColor.choices, allow_blank=True, read_only=True)
    parent = serializers.SerializerMethodField()
    stats = serializers.SerializerMethodField()

    class Meta:
        model = Revision
        fields = [
            "number",
            "parent",
            "author",
            "kind",
            "format",
            "sha256",
            "name",
            "color",
            "note",
            "stats",
            "created_at",
        ]
        read_only_fields = fields

    def get_parent(self, revision: Revision) -> int | None:
        if hasattr(revision, "parent_number"):  # a list row (selectors.revisions_of)
            return revision.parent_number
        return revision.parent.number if revision.parent_id else None

    @extend_schema_field(RevisionStatsSerializer)
    def get_stats(self, revision: Revision) -> dict:
        # A list row carries only the counters (selectors.revisions_of); one revision, all.
        counters = getattr(revision, "counters", None)
        if counters is None:
            return RevisionStatsSerializer(revision.stats).data
        given = {name: value for name, value in counters.items() if value is not None}
        return RevisionStatsSerializer(given).data


class RevisionDetailSerializer(RevisionSerializer):
    text = serializers.CharField(read_only=True)

    class Meta(RevisionSerializer.Meta):
        fields = [*RevisionSerializer.Meta.fields, "text"]
        read_only_fields = fields


class SaveInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_SCRIPT_CHARS,
        allow_blank=True,
        trim_whitespace=False,
        validators=[bounded_lines],
    )
    base = BoundedIntegerField(allow_null=True, required=False)
    episode = serializers.IntegerField(
        min_value=1, max_value=10_000, allow_null=True, required=False
    )
    autosave = serializers.BooleanField(default=False)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class RevisionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    sha256 = serializers.CharField()


class OpenConflictSerializer(serializers.Serializer):
    """An unresolved overlap on the series, as the editor's banner shows it."""

    id = serializers.IntegerField()
    url = serializers.CharField(help_text="The page where someone chooses what stays.")
    mine = serializers.BooleanField(help_text="The viewer's own save found this overlap.")
    by = serializers.CharField(help_text="Display name of the writer whose save found it.")
    ours = serializers.IntegerField(help_text="Revision number of that writer's side.")
    theirs = serializers.IntegerField(help_text="Revision number of the other side.")


class SaveOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["saved", "unchanged", "merged", "conflict"])
    head = RevisionRefSerializer()
    own = RevisionRefSerializer(allow_null=True)
    text = serializers.CharField(allow_null=True)
    conflict_url = serializers.CharField(allow_null=True)
    open_conflicts = OpenConflictSerializer(
        many=True, help_text="Every unresolved overlap on the series after this save."
    )


class MilestoneInputSerializer(serializers.Serializer):
    name = SingleLineCharField(max_length=80, allow_blank=True)
    color = serializers.ChoiceField(choices=RevisionColor.choices, required=False, allow_blank=True)


class PreviewInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_SCRIPT_CHARS,
        allow_blank=True,
        trim_whitespace=False,
        validators=[bounded_lines],
    )
    episode = serializers.IntegerField(min_value=1, allow_null=True, required=False)


class OutlineSceneSerializer(serializers.Serializer):
    number = serializers.CharField()
    heading = serializers.CharField()
    line = serializers.IntegerField()


class OutlineEpisodeSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    line = serializers.IntegerField()
    scenes = OutlineSceneSerializer(many=True)


class PreviewCharacterSerializer(serializers.Serializer):
    name = serializers.CharField()
    lines = serializers.IntegerField()
    first_line = serializers.IntegerField()


class PreviewWarningSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    code = serializers.CharField(help_text="Stable code (docs/script-formats.md, Warning codes).")
    params = serializers.DictField(help_text="What fills the message: episode numbers, names.")
    message = serializers.CharField(help_text="In the language of the request.")


class PreviewOutputSerializer(serializers.Serializer):
    html = serializers.CharField(help_text="Screenplay layout, escaped and safe to insert.")
    outline = OutlineEpisodeSerializer(many=True)
    characters = PreviewCharacterSerializer(many=True)
    warnings = PreviewWarningSerializer(many=True)


class ParseInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=MAX_SCRIPT_CHARS,
        allow_blank=True,
        trim_whitespace=False,
        validators=[bounded_lines],
    )
    format = serializers.ChoiceField(choices=["auto", "fountain", "zh"], default="auto")


class CommentSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True)
    body_html = serializers.SerializerMethodField()
    revision = serializers.IntegerField(source="revision.number", read_only=True)
    current_line = serializers.IntegerField(read_only=True, allow_null=True, default=None)
    outdated = serializers.BooleanField(read_only=True, default=False)

    class Meta:
        model = LineComment
        fields = [
            "id", "revision", "line", "current_line", "outdated", "anchor_text", "body",
            "body_html", "author", "created_at", "resolved",
        ]  # fmt: skip
        read_only_fields = fields

    def get_body_html(self, comment: LineComment) -> str:
        return str(render_markdown(comment.body))


class CommentInputSerializer(serializers.Serializer):
    line = BoundedIntegerField()
    body = serializers.CharField(max_length=4000)
    revision = BoundedIntegerField(
        min_value=1, required=False, help_text="Defaults to the current revision."
    )


class CommentUpdateInputSerializer(serializers.Serializer):
    resolved = serializers.BooleanField()


class ConflictResolveInputSerializer(serializers.Serializer):
    choices = serializers.ListField(
        child=serializers.ChoiceField(choices=["ours", "theirs", "both"]), max_length=10_000
    )
    ours = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="The writer's revision the choices were made on; refused if it moved on.",
    )
    theirs = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="The co-writer's revision the choices were made on.",
    )


class UploadInputSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportOutputSerializer(serializers.Serializer):
    series = SeriesSerializer()
    status = serializers.CharField(allow_null=True)
    detected_format = serializers.CharField()
    warnings = serializers.ListField(child=serializers.CharField())


class ExportJobSerializer(serializers.ModelSerializer):
    revision = serializers.IntegerField(source="revision.number", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "revision",
            "format",
            "watermark",
            "status",
            "progress",
            "error",
            "created_at",
            "finished_at",
            "expires_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, job: ExportJob) -> str | None:
        if not job.is_downloadable:
            return None

        return reverse("api-series-export-download", args=[job.series_id, job.pk])


class ExportInputSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    watermark = SingleLineCharField(max_length=120, required=False, allow_blank=True)
    revision = BoundedIntegerField(
        min_value=1, required=False, help_text="Defaults to the current revision."
    )
