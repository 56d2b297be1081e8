"""The clause library: data, not code.

A library is a folder (or a single file) of YAML documents. ``undertakings.yaml`` holds the four
undertakings (or a user's own list); ``language.yaml`` the shared cues for binding language, hedges
and exceptions. A user's library may hold only undertakings: the shipped language cues fill in.

Everything is validated by pydantic when loaded; an error names the file and the line.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from clausecheck.errors import LibraryError
from clausecheck.library.compiled import (
    AnyOf,
    CompiledCues,
    CompiledUndertaking,
    ContractCues,
    PartyCues,
)
from clausecheck.library.schema import (
    REASON_CODES,
    REQUIREMENT_IDS,
    LanguageCues,
    Undertaking,
    UndertakingsFile,
)


@dataclass(frozen=True)
class ClauseLibrary:
    """A validated library, with its patterns compiled once."""

    undertakings: tuple[Undertaking, ...]
    cues: LanguageCues
    paths: tuple[Path, ...]
    name: str = "clausecheck-core"
    version: str = ""

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(u.id for u in self.undertakings)

    def get(self, requirement: str) -> Undertaking:
        return next(u for u in self.undertakings if u.id == requirement)

    @cached_property
    def compiled(self) -> CompiledCues:
        return CompiledCues.build(self)

    @cached_property
    def party_cues(self) -> PartyCues:
        return PartyCues.build(self.cues.parties)

    @cached_property
    def contract_signs(self) -> ContractCues:
        return ContractCues.build(self.cues.contract_signs)


# --------------------------------------------------------------------------- loading

def default_library_path() -> Path:
    """The shipped library: ``$CLAUSECHECK_LIBRARY``, else the repository's ``clause_library/``,
    else the copy inside the installed package."""
    env = os.environ.get("CLAUSECHECK_LIBRARY")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]  # src/clausecheck (this file is library/__init__.py)
    here = Path(__file__).resolve()
    for candidate in (package.parents[1] / "clause_library", package / "data" / "clause_library"):
        if (candidate / "undertakings.yaml").is_file():
            return candidate
    raise LibraryError(here, "the shipped clause library is missing (expected clause_library/undertakings.yaml)")


class _LineLoader(yaml.SafeLoader):
    pass


def _node_line(node: yaml.Node, loc: tuple[Any, ...]) -> int | None:
    """Walk a composed YAML node along a pydantic error location to the line it points at."""
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if nxt is None:
                # An unknown key: point at the key itself.
                k_node = next((k for k, _ in node.value if getattr(k, "value", None) == key), None)
                return (k_node.start_mark.line + 1) if k_node is not None else line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


# libyaml's loader where PyYAML has it (every start of the CLI parses the library: the pure-Python
# loader took about a third of a second of the cold start); the node tree, for the line an error
# points at, is composed only when there is an error to point at.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(path: Path) -> tuple[Any, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryError(path, f"cannot read the library file: {exc}") from exc
    try:
        data = yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise LibraryError(path, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                           line=(mark.line + 1) if mark else None) from exc
    return data, text


_MACRO = re.compile(r"<<(\w+)>>")


def _expand(value: Any, macros: dict[str, str], path: Path) -> Any:
    """``value`` with every ``<<name>>`` in its strings replaced by the macro's pattern."""
    if isinstance(value, str):
        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in macros:
                raise LibraryError(path, f"unknown macro <<{m.group(1)}>>; defined: {', '.join(sorted(macros)) or 'none'}")
            return macros[m.group(1)]
        return _MACRO.sub(sub, value)
    if isinstance(value, list):
        return [_expand(v, macros, path) for v in value]
    if isinstance(value, dict):
        return {k: (v if k == "macros" else _expand(v, macros, path)) for k, v in value.items()}
    return value


def _macros(path: Path) -> dict[str, str]:
    """The macros a language file defines (none where it defines none or cannot be read: the
    file's own validation reports that)."""
    try:
        data, _ = _parse(path)
    except LibraryError:
        return {}
    macros = data.get("macros") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in macros.items()} if isinstance(macros, dict) else {}


def _validate(model: type[BaseModel], path: Path, macros: dict[str, str] | None = None) -> BaseModel:
    data, text = _parse(path)
    if not isinstance(data, dict):
        raise LibraryError(path, "expected a mapping at the top level", line=1)
    if macros:
        data = _expand(data, macros, path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "(top level)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown field {loc[-1]!r}"
        elif err["type"] == "missing":
            msg = f"missing field {loc[-1]!r}"
        line = _node_line(yaml.compose(text, Loader=_LineLoader), loc)
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise LibraryError(path, f"{where}: {msg}{more}", line=line) from exc


@functools.lru_cache(maxsize=1)
def shipped_cues() -> CompiledCues:
    """The shipped library's compiled cues, loaded once: for callers that place text without a
    judge at hand (the redline's choice of the article a new clause goes into)."""
    return load_library().compiled


def load_library(path: str | Path | None = None) -> ClauseLibrary:
    """Load and validate a library folder, or a single undertakings file."""
    root = Path(path) if path is not None else default_library_path()
    shipped = default_library_path() if path is not None else root
    if not root.exists():
        raise LibraryError(root, "no such library file or folder")
    if root.is_dir():
        und_path = root / "undertakings.yaml"
        lang_path = root / "language.yaml"
        if not und_path.is_file():
            raise LibraryError(root, "a library folder needs an undertakings.yaml")
    else:
        und_path, lang_path = root, root.with_name("language.yaml")
    if not lang_path.is_file():
        lang_path = shipped / "language.yaml"
    macros = _macros(lang_path)
    und = _validate(UndertakingsFile, und_path, macros)
    cues = _validate(LanguageCues, lang_path, macros)
    assert isinstance(und, UndertakingsFile) and isinstance(cues, LanguageCues)
    if not und.undertakings:
        raise LibraryError(und_path, "the library defines no undertakings")
    return ClauseLibrary(undertakings=tuple(und.undertakings), cues=cues, paths=(und_path, lang_path),
                         name=und.library, version=und.version)


__all__ = [
    "REASON_CODES", "REQUIREMENT_IDS", "AnyOf", "ClauseLibrary", "CompiledCues", "CompiledUndertaking",
    "ContractCues", "LanguageCues", "PartyCues", "Undertaking", "default_library_path", "load_library",
    "shipped_cues",
]
