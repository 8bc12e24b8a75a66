"""Load the 63 provinces in force until 30 June 2025, the 34 from 1 July 2025, and which old
provinces each new one absorbed, from the vietnamadminunits package (MIT).

Idempotent: running it again updates names and links in place.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from agreements.models import Locality, LocalitySuccession
from common.loading import sync_row

MERGER_DATE = datetime.date(2025, 7, 1)
LAST_DAY_BEFORE_MERGER = datetime.date(2025, 6, 30)


def _short_name(full_name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if full_name.startswith(prefix):
            return full_name[len(prefix) :]
    return full_name


def province_data():
    """(legacy provinces, current provinces, {new key: [old keys]}) from the data package."""
    # Imported here so the package (and what it pulls in) stays off the request path.
    from vietnamadminunits.converter.converter_2025 import DICT_PROVINCE
    from vietnamadminunits.database import query

    columns = "DISTINCT provinceKey AS key, province AS name, provinceCode AS code"
    legacy = query(f"SELECT {columns} FROM admin_units_legacy ORDER BY provinceCode")  # noqa: S608 - constant SQL
    current = query(f"SELECT {columns} FROM admin_units ORDER BY provinceCode")  # noqa: S608 - constant SQL
    return legacy, current, DICT_PROVINCE


class Command(BaseCommand):
    help = "Load Vietnam's provinces before and after the 1 July 2025 merger, with the succession links."

    @transaction.atomic
    def handle(self, *args, **options):
        legacy, current, merged_from = province_data()
        old = {}
        for row in legacy:
            old[row["key"]], _ = sync_row(
                Locality,
                {"key": f"63-{row['key']}"},
                {
                    "code": row["code"],
                    "name": row["name"],
                    "short_name": _short_name(row["name"]),
                    "level": Locality.Level.PROVINCE,
                    "valid_to": LAST_DAY_BEFORE_MERGER,
                },
            )
        links = 0
        for row in current:
            new, _ = sync_row(
                Locality,
                {"key": f"34-{row['key']}"},
                {
                    "code": row["code"],
                    "name": row["name"],
                    "short_name": _short_name(row["name"]),
                    "level": Locality.Level.PROVINCE,
                    "valid_from": MERGER_DATE,
                },
            )
            for old_key in merged_from[row["key"]]:
                sync_row(
                    LocalitySuccession,
                    {"predecessor": old[old_key], "successor": new},
                    {"effective_on": MERGER_DATE},
                )
                links += 1
        self.stdout.write(
            f"Localities: {len(legacy)} provinces until 30/06/2025, {len(current)} from 01/07/2025, "
            f"{links} succession links."
        )
