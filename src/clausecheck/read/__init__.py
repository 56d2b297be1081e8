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
stable ``code``; no raw library exception escapes for a bad file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from clausecheck.document import SourceDocument
from clausecheck.errors import UnreadableDocument

__all__ = ["read_document", "sniff_format"]

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


def read_document(path: Path, password: str | None = None) -> SourceDocument:
    """Read a contract file (PDF, DOCX or TXT) into a ``SourceDocument``.

    Raises ``UnreadableDocument`` (with a stable ``code``) for anything that cannot be read.
    """
    path = Path(path)
    if not path.exists():
        raise UnreadableDocument(path, "not-found", "The file does not exist (check the name and folder).")
    if path.is_dir():
        raise UnreadableDocument(path, "not-found", "This is a folder, not a contract file.")
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(path, "not-found",
                                 f"The file could not be opened ({exc.strerror or exc}).") from None
    if size == 0:
        raise UnreadableDocument(path, "empty", "The file is empty (0 bytes); there is no contract text in it.")

    suffix = path.suffix.lower()
    kind = sniff_format(head, suffix)
    try:
        if kind == "pdf":
            from clausecheck.read.pdf import read_pdf

            return read_pdf(path, password=password)
        if kind == "zip":
            return _read_zip(path, password)
        if kind == "ole2":
            return _read_ole2(path, password)
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

        return read_txt(path)
    except UnreadableDocument:
        raise
    except MemoryError:
        raise UnreadableDocument(path, "corrupt", "The file is too large or malformed to read.") from None
    except Exception as exc:  # a reader bug or a library choking on a malformed file
        raise UnreadableDocument(
            path, "corrupt",
            f"The file is damaged or malformed and could not be read ({type(exc).__name__}: {exc}).") from None


def _read_zip(path: Path, password: str | None, data: bytes | None = None) -> SourceDocument:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        what = "Word document" if path.suffix.lower() == ".docx" else "ZIP-based file"
        raise UnreadableDocument(
            path, "corrupt", f"The {what} is damaged (its ZIP structure is broken or the file is truncated)."
        ) from None
    if "word/document.xml" in names or any(n.lower() == "word/document.xml" for n in names):
        from clausecheck.read.docx import read_docx

        return read_docx(path, zf)
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


def _read_ole2(path: Path, password: str | None) -> SourceDocument:
    try:
        import msoffcrypto
        from msoffcrypto.exceptions import FileFormatError, InvalidKeyError
    except ImportError:  # pragma: no cover - msoffcrypto-tool is a dependency of the venv
        msoffcrypto = None
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
        return _read_zip(path, password, plain)
    raise UnreadableDocument(
        path, "unsupported-type",
        f"After decryption this is an old Word 97-2003 document (.doc), which clausecheck cannot read. {_SAVE_AS}")
