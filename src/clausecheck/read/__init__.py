"""Readers: PDF, DOCX and TXT contracts into a ``SourceDocument``.

``read_document`` looks at a file's *content* (its first bytes), not only its suffix:

* ``%PDF``                       -> :mod:`clausecheck.read.pdf`
* a ZIP holding ``word/document.xml`` -> :mod:`clausecheck.read.docx`
* an OLE2 compound file          -> an encrypted Office document (``encrypted`` / decrypted with
  ``password``) or a legacy Word 97-2003 ``.doc`` (``unsupported-type``)
* RTF, images, other ZIPs (.xlsx, .pptx, .odt ...) -> ``unsupported-type``
* anything else                  -> :mod:`clausecheck.read.txt` (which refuses binary garbage with
  ``unknown-encoding``)

Every problem with the file surfaces as :class:`clausecheck.errors.UnreadableDocument` with a
stable ``code``; no raw library exception escapes for a bad file. Reading happens under
:class:`~clausecheck.read.limits.ReadLimits` (``too-large`` when a file passes one), and only
regular files are opened (a named pipe, a device or ``/dev/stdin`` is ``special-file``, without
waiting on it).

What every reader hands back then goes through the same last steps: Unicode normalization
(:mod:`clausecheck.read.normalize`), language detection (``unsupported-language`` for a contract
clausecheck cannot judge, ``garbled-text`` for letters that form no words) and Traditional
Chinese converted to Simplified (:mod:`clausecheck.read.language`); each change is a warning on
the document.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from dataclasses import replace
from pathlib import Path

from clausecheck.document import ReadWarning, SourceDocument
from clausecheck.errors import UnreadableDocument
from clausecheck.read.limits import DEFAULT_LIMITS, ReadLimits, is_encrypted_member, size_text, too_large

__all__ = ["ReadLimits", "read_document", "sniff_format"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
)
# Suffixes that are certainly not plain text; when the content is not recognised either, the file
# is reported as an unsupported type rather than decoded as text.
_BINARY_SUFFIXES = {
    ".doc": "an old Word 97-2003 document (.doc)", ".dot": "an old Word 97-2003 template (.dot)",
    ".rtf": "an RTF document", ".xls": "an Excel workbook", ".xlsx": "an Excel workbook",
    ".ppt": "a PowerPoint presentation", ".pptx": "a PowerPoint presentation",
    ".odt": "an OpenDocument text file", ".pages": "an Apple Pages document",
    ".wps": "a WPS document", ".png": "an image", ".jpg": "an image", ".jpeg": "an image",
    ".tif": "an image", ".tiff": "an image", ".gif": "an image", ".bmp": "an image",
    ".zip": "a ZIP archive",
}

_SAVE_AS = "Save it as PDF, DOCX or plain text (.txt) and check it again."


def sniff_format(head: bytes, suffix: str = "") -> str:
    """Classify the first bytes of a file: 'pdf', 'zip', 'ole2', 'rtf', 'image' or 'text'."""
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    if any(head.startswith(m) for m, _ in _IMAGE_MAGIC):
        return "image"
    return "text"


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _special(path: Path, mode: int) -> UnreadableDocument:
    what = next((name for test, name in _SPECIAL if test(mode)), "not a regular file")
    hint = " (standard input cannot be checked; save the contract to a file)" if "stdin" in str(path) or \
        str(path).startswith("/proc/self/fd") or str(path).startswith("/dev/fd") else ""
    return UnreadableDocument(
        path, "special-file",
        f"This is {what}, not a regular file{hint}; clausecheck only reads contract files, and does not "
        "wait on pipes or devices.")


def _permission(path: Path) -> UnreadableDocument:
    return UnreadableDocument(
        path, "permission-denied",
        "Permission denied: the file exists but this user may not read it. Check the file's permissions "
        "(or those of its folder), or copy it somewhere readable.")


def _open_head(path: Path) -> tuple[bytes, int]:
    """The first bytes and the size of a regular file, refusing anything else without blocking:
    stat first (a FIFO would block ``open`` until a writer came), then open with O_NONBLOCK and
    check the opened file again (the path may have been swapped in between)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnreadableDocument(
                path, "broken-link",
                f"This is a symbolic link to {os.readlink(path)}, which does not exist (a broken link).") from None
        raise UnreadableDocument(path, "not-found", "The file does not exist (check the name and folder).") from None
    except PermissionError:
        raise _permission(path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableDocument(path, "symlink-loop",
                                     "This is a symbolic link that loops back on itself; it leads to no file.") from None
        raise UnreadableDocument(path, "not-found",
                                 f"The file could not be opened ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableDocument(path, "not-found", "This is a folder, not a contract file.")
    if not stat.S_ISREG(st.st_mode):
        raise _special(path, st.st_mode)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise _permission(path) from None
    except OSError as exc:
        raise UnreadableDocument(path, "not-found",
                                 f"The file could not be opened ({exc.strerror or exc}).") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _special(path, st.st_mode)
        try:
            head = os.read(fd, 2048)
        except PermissionError:
            raise _permission(path) from None
        except OSError as exc:
            raise UnreadableDocument(path, "not-found",
                                     f"The file could not be read ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)
    return head, st.st_size


def read_document(path: Path, password: str | None = None, limits: ReadLimits | None = None) -> SourceDocument:
    """Read a contract file (PDF, DOCX or TXT) into a ``SourceDocument``, under ``limits``
    (``ReadLimits()`` by default).

    Raises ``UnreadableDocument`` (with a stable ``code``) for anything that cannot be read.
    """
    path = Path(path)
    limits = limits or DEFAULT_LIMITS
    head, size = _open_head(path)
    if size == 0:
        raise UnreadableDocument(path, "empty", "The file is empty (0 bytes); there is no contract text in it.")
    doc = _read(path, head, password, limits)
    try:
        return _finish(doc)
    except UnreadableDocument:
        raise
    except Exception as exc:  # a normalization bug must not lose the file's report
        raise UnreadableDocument(
            path, "corrupt", f"The text of the file could not be processed ({type(exc).__name__}: {exc}).") from None


def _read(path: Path, head: bytes, password: str | None, limits: ReadLimits) -> SourceDocument:

    suffix = path.suffix.lower()
    kind = sniff_format(head, suffix)
    try:
        if kind == "pdf":
            from clausecheck.read.pdf import read_pdf

            return read_pdf(path, password=password, limits=limits)
        if kind == "zip":
            return _read_zip(path, password, limits=limits)
        if kind == "ole2":
            return _read_ole2(path, password, limits)
        if kind == "rtf":
            raise UnreadableDocument(path, "unsupported-type",
                                     f"This is an RTF document, which clausecheck cannot read. {_SAVE_AS}")
        if kind == "image":
            what = next(name for m, name in _IMAGE_MAGIC if head.startswith(m))
            raise UnreadableDocument(
                path, "unsupported-type",
                f"This is {what}, not a text document; a picture of a contract needs OCR first. {_SAVE_AS}")
        # Not recognised as a binary format.
        if suffix == ".pdf":
            raise UnreadableDocument(path, "corrupt",
                                     "The file is named .pdf but is not a PDF; it is damaged or mislabelled.")
        if suffix == ".docx":
            raise UnreadableDocument(
                path, "corrupt", "The file is named .docx but is not a Word document; it is damaged or mislabelled.")
        if suffix in _BINARY_SUFFIXES:
            raise UnreadableDocument(path, "unsupported-type",
                                     f"This looks like {_BINARY_SUFFIXES[suffix]}, which clausecheck cannot read. {_SAVE_AS}")
        from clausecheck.read.txt import read_txt

        return read_txt(path, limits=limits)
    except UnreadableDocument:
        raise
    except MemoryError:
        raise UnreadableDocument(path, "too-large",
                                 "The file needs more memory to read than this machine could give.") from None
    except RecursionError:
        raise too_large(path, "Its content is nested too deeply to read.", "max_xml_depth") from None
    except PermissionError:
        raise _permission(path) from None
    except Exception as exc:  # a reader bug or a library choking on a malformed file
        raise UnreadableDocument(
            path, "corrupt",
            f"The file is damaged or malformed and could not be read ({type(exc).__name__}: {exc}).") from None


def _read_zip(path: Path, password: str | None, data: bytes | None = None,
              limits: ReadLimits = DEFAULT_LIMITS) -> SourceDocument:
    entries = zip_entry_count(path if data is None else data)
    if entries is not None and entries > MAX_ZIP_ENTRIES:
        # zipfile reads the whole central directory into memory (~0.5 KB an entry) before any
        # check of ours could run; a Word file has tens of parts, hundreds with many images.
        raise too_large(path, f"The ZIP archive lists {entries:,} parts (a Word document has at most a few "
                              f"thousand; the limit is {MAX_ZIP_ENTRIES:,}).", "max_decompressed_bytes")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        what = "Word document" if path.suffix.lower() == ".docx" else "ZIP-based file"
        raise UnreadableDocument(
            path, "corrupt", f"The {what} is damaged (its ZIP structure is broken or the file is truncated)."
        ) from None
    if any(is_encrypted_member(i) for i in zf.infolist()):
        # A Word document inside a password-protected ZIP (ZipCrypto or AES), not Word's own
        # encryption (which is an OLE2 file, handled by _read_ole2).
        raise UnreadableDocument(
            path, "encrypted",
            "The file is a password-protected ZIP archive (its parts are encrypted with a ZIP password, "
            "not by Word). Unzip it with its password, or save an unprotected copy, and check that.")
    if "word/document.xml" in names or any(n.lower() == "word/document.xml" for n in names):
        from clausecheck.read.docx import read_docx

        return read_docx(path, zf, limits)
    if "xl/workbook.xml" in names:
        what = "an Excel workbook"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint presentation"
    elif "content.xml" in names and "mimetype" in names:
        what = "an OpenDocument file"
    elif path.suffix.lower() == ".docx":
        raise UnreadableDocument(path, "corrupt",
                                 "The Word document is damaged: it has no main document part (word/document.xml).")
    else:
        what = "a ZIP archive"
    raise UnreadableDocument(path, "unsupported-type", f"This is {what}, not a contract document clausecheck can read. {_SAVE_AS}")


MAX_ZIP_ENTRIES = 20_000


def zip_entry_count(source: Path | bytes) -> int | None:
    """The number of entries a ZIP's end-of-central-directory record declares (ZIP64 too), read
    from the last 64 KiB; None when there is no such record (zipfile will say the file is bad)."""
    try:
        if isinstance(source, bytes):
            tail = source[-(65536 + 22):]
        else:
            with source.open("rb") as fh:
                fh.seek(0, 2)
                fh.seek(max(0, fh.tell() - (65536 + 22)))
                tail = fh.read()
    except OSError:
        return None
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = int.from_bytes(tail[at + 10:at + 12], "little")
    loc = tail.rfind(b"PK\x06\x07", 0, at)  # ZIP64 locator -> ZIP64 end record
    if count == 0xFFFF and loc >= 0:
        z64 = tail.rfind(b"PK\x06\x06", 0, loc)
        if z64 >= 0 and len(tail) >= z64 + 40:
            count = int.from_bytes(tail[z64 + 32:z64 + 40], "little")
    return count


def _read_ole2(path: Path, password: str | None, limits: ReadLimits = DEFAULT_LIMITS) -> SourceDocument:
    try:
        import msoffcrypto
        from msoffcrypto.exceptions import FileFormatError, InvalidKeyError
    except ImportError:  # pragma: no cover - msoffcrypto-tool is a dependency of the venv
        msoffcrypto = None
    if path.stat().st_size > limits.max_decompressed_bytes:
        raise too_large(path, f"The Office file is larger than {size_text(limits.max_decompressed_bytes)}.",
                        "max_decompressed_bytes")
    with path.open("rb") as fh:
        data = fh.read()
    streams: set[str] = set()
    try:
        import olefile  # shipped with msoffcrypto-tool

        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(s) for s in ole.listdir()}
    except Exception:
        streams = set()
    encrypted_package = "EncryptionInfo" in streams and "EncryptedPackage" in streams
    if msoffcrypto is not None:
        try:
            office = msoffcrypto.OfficeFile(io.BytesIO(data))
            is_encrypted = office.is_encrypted()
        except Exception:
            office, is_encrypted = None, encrypted_package
    else:
        office, is_encrypted = None, encrypted_package

    if not is_encrypted:
        if "WordDocument" in streams:
            raise UnreadableDocument(
                path, "unsupported-type",
                f"This is an old Word 97-2003 document (.doc), which clausecheck cannot read. {_SAVE_AS}")
        if "Workbook" in streams or "Book" in streams:
            raise UnreadableDocument(path, "unsupported-type", f"This is an old Excel workbook. {_SAVE_AS}")
        if path.suffix.lower() == ".docx":
            raise UnreadableDocument(path, "corrupt", "The Word document is damaged and could not be read.")
        raise UnreadableDocument(path, "unsupported-type",
                                 f"This is an old Microsoft Office file that clausecheck cannot read. {_SAVE_AS}")

    if password is None or office is None:
        raise UnreadableDocument(
            path, "encrypted",
            "The document is password-protected (encrypted). Give its password, or save an unprotected copy.")
    out = io.BytesIO()
    try:
        try:
            office.load_key(password=password, verify_password=True)
        except TypeError:  # formats whose load_key has no verify_password
            office.load_key(password=password)
        office.decrypt(out)
    except InvalidKeyError:
        raise UnreadableDocument(path, "wrong-password",
                                 "The password given does not open this encrypted document.") from None
    except FileFormatError:
        raise UnreadableDocument(path, "corrupt", "The encrypted document is damaged and could not be decrypted.") from None
    except Exception as exc:
        msg = str(exc).lower()
        if "password" in msg or "key" in msg or "verif" in msg:
            raise UnreadableDocument(path, "wrong-password",
                                     "The password given does not open this encrypted document.") from None
        raise UnreadableDocument(path, "corrupt",
                                 f"The encrypted document could not be decrypted ({type(exc).__name__}).") from None
    plain = out.getvalue()
    if plain.startswith(b"PK"):
        return _read_zip(path, password, plain, limits)
    raise UnreadableDocument(
        path, "unsupported-type",
        f"After decryption this is an old Word 97-2003 document (.doc), which clausecheck cannot read. {_SAVE_AS}")


def _finish(doc: SourceDocument) -> SourceDocument:
    """The steps every format shares: normalize, detect the language, convert Traditional Chinese."""
    from clausecheck.read.language import detect, to_simplified
    from clausecheck.read.normalize import NormalizeStats, foreign_script_share, normalize_text

    path = doc.path
    warnings: list[ReadWarning] = list(doc.warnings)
    stats = NormalizeStats()
    foreign = foreign_script_share(doc.text) > 0.05
    blocks = []
    for b in doc.blocks:
        text = b.text if b.text.isascii() else normalize_text(b.text, stats, foreign_document=foreign).strip()
        if text:
            blocks.append(b if text == b.text else replace(b, text=text))
    if not blocks:
        raise UnreadableDocument(path, "empty", "The file contains no visible text (only invisible characters).")
    if stats.total:
        warnings.append(ReadWarning("characters-normalized", stats.message(), count=stats.total))

    verdict = detect("\n".join(b.text for b in blocks))
    if verdict.garbled:
        raise UnreadableDocument(
            path, "garbled-text",
            "The text extracted from the file is not readable: its letters form no words (typically a PDF "
            "whose fonts have no Unicode mapping, so the text on the page cannot be recovered). Run it through "
            "OCR (text recognition), or use the original Word file.")
    if not verdict.supported:
        raise UnreadableDocument(
            path, "unsupported-language",
            f"The contract appears to be in {verdict.name}. clausecheck judges contracts in English and "
            "Chinese (Simplified or Traditional, alone or with English) only, so it was not judged.")
    originals: tuple[str | None, ...] = ()
    if verdict.code == "zh-Hant":
        converted, orig = [], []
        for b in blocks:
            simple = to_simplified(b.text)
            converted.append(b if simple == b.text else replace(b, text=simple))
            orig.append(None if simple == b.text else b.text)
        blocks, originals = converted, tuple(orig)
        n = sum(1 for o in originals if o is not None)
        warnings.append(ReadWarning(
            "converted-traditional-chinese",
            f"The contract is in Traditional Chinese: {n} paragraph{'s were' if n != 1 else ' was'} converted to "
            "Simplified Chinese (OpenCC, with Taiwan usage: 網路 -> 网络, 資料 -> 数据) to be judged. Evidence "
            "is quoted in the original Traditional text where it could be matched, and suggested wording is "
            "converted back to Traditional.", count=n))
    return replace(doc, blocks=tuple(blocks), warnings=tuple(warnings), original_texts=originals,
                   language=verdict.code)
