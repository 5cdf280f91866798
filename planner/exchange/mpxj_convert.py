"""Project files of other programs through MPXJ: .mpp/.mpt (MS Project), .mpx, Primavera .xer
and P6 XML, ProjectLibre .pod, GanttProject .gan (and what else MPXJ's UniversalProjectReader
tells by content), converted to MS Project XML and read by `mspdi_read`, with its warnings.

MPXJ is Java: the optional extra ``planner-cpm[mpxj]`` installs it with JPype, and a Java
runtime must be on the machine. JPype and MPXJ are imported here only, when a file is
converted (the command line starts without them), and the Java VM is started once per
process (JPype cannot start a second one). Without them, the import is refused in one
sentence saying what to install, and that MS Project or ProjectLibre can save the file as XML.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner.domain.diagnostics import Diagnostic, Location, PlanError
from planner.exchange import mspdi_read
from planner.exchange.imported import Imported
from planner.support.sanitize import excerpt

INSTALL = "pip install \"planner-cpm[mpxj]\""
# Log4j (used by the Apache POI inside MPXJ) finds no logging back-end and says so on
# standard error, a line in a user's console about nothing they can act on: silenced.
JVM_OPTIONS = ("-Dlog4j2.statusLoggerLevel=OFF", "-Djava.awt.headless=true")


class MissingMpxj(Exception):
    """MPXJ cannot run here: ``what`` names the missing part ("mpxj" or "java")."""

    def __init__(self, what: str, detail: str) -> None:
        super().__init__(f"{what}: {detail}")
        self.what = what


def _classes() -> tuple[Any, Any, Any]:
    """MPXJ's reader and writer classes and JPype, the Java VM started on first use;
    MissingMpxj when the package or a Java runtime is missing."""
    try:
        import jpype
        import mpxj  # noqa: F401 - puts MPXJ's jars on JPype's class path
    except ImportError as exc:
        raise MissingMpxj("mpxj", str(exc)) from None
    if not jpype.isJVMStarted():
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise MissingMpxj("java", "no java on PATH and no JAVA_HOME")
        try:
            jpype.startJVM(*JVM_OPTIONS, convertStrings=False)
        except (OSError, RuntimeError, ValueError) as exc:  # no JVM library found, or broken
            raise MissingMpxj("java", str(exc)) from None
    from org.mpxj.mspdi import MSPDIWriter
    from org.mpxj.reader import UniversalProjectReader

    return UniversalProjectReader, MSPDIWriter, jpype


def available() -> bool:
    """Whether MPXJ can convert here (starts the Java VM when it can)."""
    try:
        _classes()
    except MissingMpxj:
        return False
    return True


def to_mspdi(path: Path) -> bytes:
    """The project file at ``path`` as MS Project XML, converted by MPXJ. Raises PlanError,
    located, when MPXJ is missing, or does not recognise or cannot read the file."""
    where = Location(str(path))
    try:
        reader, writer, jpype = _classes()
    except MissingMpxj as exc:
        raise PlanError([Diagnostic.said("format", f"import.mpxj.missing.{exc.what}", where,
                                         install=INSTALL)]) from None
    # The bytes, not the path, go to Java: a JVM started under a C or GBK locale cannot
    # open a file named in Chinese (Python can, whatever the locale).
    data = mspdi_read.file_bytes(path)
    try:
        from java.io import ByteArrayInputStream, ByteArrayOutputStream

        project = reader().read(ByteArrayInputStream(jpype.JArray(jpype.JByte)(data)))
        if project is None:  # MPXJ knows no reader for this content
            raise PlanError([Diagnostic.said("format", "import.mpxj.unrecognised", where)])
        out = ByteArrayOutputStream()
        writer().write(project, out)
        return bytes(out.toByteArray())
    except PlanError:
        raise
    except Exception as exc:  # a Java exception: password, corrupt or unsupported file
        reason = _reason(exc)
        if "password" in reason.lower():  # MPXJ's MPXJException.PASSWORD_PROTECTED
            raise PlanError([Diagnostic.said("format", "import.mpxj.password", where)]
                            ) from None
        raise PlanError([Diagnostic.said("format", "import.mpxj.failed", where,
                                         reason=reason)]) from None


def _reason(exc: BaseException) -> str:
    """What MPXJ said, in one line: the innermost cause's message (a Java stack trace is no
    use to the person importing)."""
    cause: Any = exc
    message = str(exc)
    seen = 0
    while cause is not None and seen < 10:  # getCause chains can loop
        text = cause.getMessage() if hasattr(cause, "getMessage") else str(cause)
        if text:
            message = str(text)
        cause = cause.getCause() if hasattr(cause, "getCause") else None
        seen += 1
    return excerpt(" ".join(message.split()) or type(exc).__name__, 160)


def read(path: Path, fallback_id: str = "imported",
         fields: Mapping[str, str] | None = None) -> Imported:
    """The project file at ``path`` converted by MPXJ and read as MS Project XML: the same
    plan, warnings and refusals as the file saved as XML by MS Project would give."""
    try:
        if not path.is_file():
            raise OSError(f"{path}: not a regular file")
    except OSError as exc:
        raise PlanError([Diagnostic.said("file", "import.unreadable", Location(str(path)),
                                         reason=exc.strerror or str(exc))]) from None
    return mspdi_read.from_bytes(to_mspdi(path), str(path), fallback_id, fields,
                                 read_as="converted to MS Project XML by MPXJ")
