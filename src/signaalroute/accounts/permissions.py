"""Role checks for views. What a user may *see* is filtered in the selectors."""

from functools import wraps

from django.core.exceptions import PermissionDenied


def rol_vereist(*rollen: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.heeft_rol(*rollen):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.rollen = rollen  # read by the access tests
        return wrapped

    return decorator
