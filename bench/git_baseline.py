"""Load code as it was at a git ref, to time it against today's (the benchmarks' --baseline).

Modules are read with ``git show`` and run under their own names, against today's
imports; ``reviews/assignment`` is loaded whether it was one module (before it became a
package) or a package.
"""

import subprocess
import sys
import tempfile
import types
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def module_at(ref: str, path: str, name: str) -> types.ModuleType:
    """The module at ``path`` (one file) as it was at ``ref``, loaded as ``name``."""
    source = _git("show", f"{ref}:{path}")
    module = types.ModuleType(name)
    sys.modules[name] = module  # dataclasses look their module up
    exec(compile(source, f"{ref}:{path}", "exec"), module.__dict__)
    return module


def assignment_at(ref: str) -> types.ModuleType:
    """``reviews.assignment`` as it was at ``ref``, loaded as ``baseline_assignment``."""
    if _git("ls-tree", ref, "reviews/assignment.py").strip():
        return module_at(ref, "reviews/assignment.py", "baseline_assignment")
    package = Path(tempfile.mkdtemp()) / "baseline_assignment"
    package.mkdir()
    for path in _git("ls-tree", "--name-only", ref, "reviews/assignment/").split():
        (package / Path(path).name).write_text(_git("show", f"{ref}:{path}"), encoding="utf-8")
    sys.path.insert(0, str(package.parent))
    return import_module("baseline_assignment")
