"""Headers the API needs for other sites' scripts to read it."""

from django.http import HttpResponse

API_PREFIX = "/api/"


class OpenDataHeaders:
    """Any site may read the API (GET, HEAD) from a browser: the data is public and no
    cookie or credential is ever read by it. Preflight requests are answered here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        else:
            head = request.method == "HEAD"
            if head:
                # ninja answers GET only; a HEAD is that GET, whose body the server drops.
                request.method = "GET"
            response = self.get_response(request)
            if head:
                request.method = "HEAD"
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response
