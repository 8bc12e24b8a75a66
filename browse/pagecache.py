"""The parts of list and record pages that are the same for every reader, cached until the next write.

A list page or a record page is mostly the data it shows: the rows of a list with its
filter bar and page links, the sections of an agreement's page. Read again (as lists are
while someone works through them, and records while a meeting looks at them), they would
run the same queries and render the same templates. So the templates wrap those parts in
``{% cache %}`` under a key that holds:

- the data version (coordination/freshness.py), which every write raises: a cached part is
  never stale;
- what the reader may read (``scope_key``) and what the page shows them of it (``can_edit``);
- the path, the query string and the interface language.

What differs per reader (the navigation bar, the "New …" button, the CSRF token) stays
outside the cached parts. The view passes its data lazily (``lazy_context``), so when every
part comes from the cache the records are not even read.
"""

import functools

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from agreements.access import readable, scope_key
from dashboard import freshness

CACHE_SECONDS = 600


def cache_key(request, *parts) -> str:
    """The key of the cached parts of the page ``request`` asks for, as this reader sees it."""
    params = sorted((name, values) for name, values in request.GET.lists())
    return freshness.key((request.path, scope_key(request.user), params, get_language(), parts))


def _item(built, name):
    return built()[name]


def lazy_context(build, names):
    """``{name: value}`` for ``names`` of the dict ``build()`` returns, built once, on first use.

    ``build()`` must return exactly ``names``: a key added to one and not the other would
    otherwise vanish from the page without a word."""

    @functools.cache
    def built():
        data = build()
        if set(data) != set(names):
            raise ValueError(f"build() returned {sorted(data)}; the page expects {sorted(names)}")
        return data

    return {name: SimpleLazyObject(functools.partial(_item, built, name)) for name in names}


def render_record(request, template, model, pk, build, names, **shown):
    """The page of the ``model`` row ``pk`` (404 unless the reader may read it).

    ``build()`` returns the template's data, ``names`` its keys; it runs only if a part of
    the page is not cached. ``shown`` (``can_edit=…``) is what the page shows this reader
    differently: it is passed as it is and is part of the key.
    """
    if not readable(model.objects.filter(pk=pk), request.user).exists():
        raise Http404
    context = {
        **lazy_context(build, names),
        **shown,
        "page_cache_key": cache_key(request, *sorted(shown.items())),
        "page_cache_seconds": CACHE_SECONDS,
    }
    return render(request, template, context)
