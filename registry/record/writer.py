"""Writing the export's zip: every file is streamed into the archive as it is made and
listed, with its size and SHA-256, for `manifest.json`."""

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

_SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")


class UnsafePath(ValueError):
    """A path that could escape the export's folder when unpacked, or is not plain."""


def check_path(path: str) -> str:
    parts = path.split("/")
    if not parts or not all(_SAFE_PART.fullmatch(part) for part in parts):
        raise UnsafePath(path)
    if any(part in (".", "..") for part in parts):
        raise UnsafePath(path)
    return path


@dataclass
class FileEntry:
    path: str
    sha256: str
    bytes: int
    media_type: str
    section: str

    def as_manifest(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "bytes": self.bytes,
            "media_type": self.media_type,
            "section": self.section,
        }


class _HashingStream:
    """A zip member opened for writing that hashes what goes through it."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.target.write(data)


@dataclass
class RecordWriter:
    """Adds files to the zip and remembers them for the manifest."""

    archive: zipfile.ZipFile
    files: list[FileEntry] = field(default_factory=list)
    _paths: set[str] = field(default_factory=set)

    def add_bytes(self, path: str, data: bytes, *, media_type: str, section: str = "record") -> str:
        with self.stream(path, media_type=media_type, section=section) as out:
            out.write(data)
        return path

    def add_text(
        self, path: str, text: str, *, media_type: str = "text/plain", section: str = "record"
    ) -> str:
        return self.add_bytes(
            path, text.encode("utf-8"), media_type=f"{media_type}; charset=utf-8", section=section
        )

    def add_json(self, path: str, data: Any, *, section: str = "record") -> str:
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, default=str)
        return self.add_bytes(
            path, (text + "\n").encode("utf-8"), media_type="application/json", section=section
        )

    def stream(self, path: str, *, media_type: str, section: str = "record") -> "_Member":
        """A file written piece by piece (`with writer.stream(...) as out: out.write(b)`)."""
        check_path(path)
        if path in self._paths:
            raise UnsafePath(f"{path} is written twice")
        self._paths.add(path)
        return _Member(self, path, media_type, section)

    def section(self, key: str) -> "SectionWriter":
        return SectionWriter(self, key)


class _Member:
    def __init__(self, writer: RecordWriter, path: str, media_type: str, section: str) -> None:
        self.writer, self.path, self.media_type, self.section = writer, path, media_type, section

    def __enter__(self) -> _HashingStream:
        info = zipfile.ZipInfo(self.path, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._target = self.writer.archive.open(info, "w", force_zip64=True)
        self._stream = _HashingStream(self._target)
        return self._stream

    def __exit__(self, *exc: object) -> None:
        self._target.close()
        self.writer.files.append(
            FileEntry(
                self.path,
                self._stream.digest.hexdigest(),
                self._stream.size,
                self.media_type,
                self.section,
            )
        )


@dataclass
class SectionWriter:
    """What a record section's provider writes with: paths are inside its own folder."""

    writer: RecordWriter
    key: str

    def add_json(self, name: str, data: Any) -> str:
        return self.writer.add_json(f"{self.key}/{name}", data, section=self.key)

    def add_text(self, name: str, text: str, *, media_type: str = "text/plain") -> str:
        return self.writer.add_text(
            f"{self.key}/{name}", text, media_type=media_type, section=self.key
        )

    def add_bytes(self, name: str, data: bytes, *, media_type: str) -> str:
        return self.writer.add_bytes(
            f"{self.key}/{name}", data, media_type=media_type, section=self.key
        )
