"""The report as PDF: the same Word document, rendered by LibreOffice headless, so both read alike page for page.

LibreOffice runs with a throwaway profile, so two conversions at once (two organisers, two workers) never share
its lock files.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from .services import ReportError

CONVERSION_TIMEOUT = 180  # seconds; a first start of LibreOffice on a loaded machine takes a while


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes) -> bytes:
    """PDF bytes of a .docx; ReportError when LibreOffice is missing or fails."""
    program = soffice()
    if program is None:
        raise ReportError(
            _("PDF needs LibreOffice on the server (apt-get install libreoffice-writer-nogui); the DOCX works without.")
        )
    with tempfile.TemporaryDirectory(prefix="rendezvous-pdf-") as work:
        folder = Path(work)
        source = folder / "report.docx"
        source.write_bytes(content)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERSION_TIMEOUT, check=True)  # noqa: S603
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            raise ReportError(
                _("LibreOffice could not convert the report to PDF (%(error)s).") % {"error": error}
            ) from None
        target = folder / "report.pdf"
        if not target.exists():
            raise ReportError(_("LibreOffice wrote no PDF for the report."))
        return target.read_bytes()
