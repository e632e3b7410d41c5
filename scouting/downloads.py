"""A read's watermarked copy as a download: the same response for the page's link and the
API's (scouting.services.reads.read_download makes the copy and records it)."""

from django.http import HttpResponse

from scouting.services.reads import WatermarkedCopy


def watermarked_response(copy: WatermarkedCopy) -> HttpResponse:
    """The PDF as an attachment named with its code. Made for one reader: no cache keeps
    it."""
    response = HttpResponse(copy.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{copy.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
