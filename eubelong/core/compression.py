"""Pages, partials and data answers compressed for the network, files left as they are.

Django's GZipMiddleware (with its BREACH mitigation: random padding in the gzip header, on top
of the per-request masking of CSRF tokens) for text answers only: PDFs, spreadsheets and images
are compressed already, and squeezing them again costs the server time for nothing.
"""

from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/vnd.oai.openapi",
    "application/xml",
    "application/javascript",
)

EVENTS = "text/event-stream"


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").lower()
        # An event stream's small events must leave at once, not wait in the compressor.
        if not content_type.startswith(TEXT_TYPES) or content_type.startswith(EVENTS):
            return response
        return super().process_response(request, response)
