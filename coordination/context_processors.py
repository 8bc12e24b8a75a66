from django.utils.functional import SimpleLazyObject

from agreements.access import access_for


def access(request):
    """``access``: what the current user may do, for navigation (computed on first use)."""
    return {"access": SimpleLazyObject(lambda: access_for(request.user))}
