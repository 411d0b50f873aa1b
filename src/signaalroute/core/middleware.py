from django.conf import settings


class ApiVersionMiddleware:
    """NL API Design Rules: every API response names the API version (`API-Version`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
        return response
