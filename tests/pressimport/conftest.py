import html
import re
from pathlib import Path

import pytest
from django import forms

from agreements.models import Body, Membership
from awards.models import AwardForm
from tests.makers import make_award_form, make_body, make_locality, make_membership, make_movement, make_user

REPORTS = Path(__file__).parent / "reports"


def report_text(name):
    """One of the reports written for these tests (tests/extraction/reports/), header included."""
    return (REPORTS / name).read_text(encoding="utf-8")


def browser_post(response, action="submit", reject=(), **changes):
    """What a browser sends back from the review page when the user accepts the proposal:
    every field as filled in, the formsets' management forms, the values proposed with those
    still ticked (all but ``reject``) and the hidden source text (read from the page's HTML,
    as the browser would)."""
    context = response.context
    page_forms = [context["form"]]
    for formset in context["formsets"].values():
        page_forms.append(formset.management_form)
        page_forms.extend(formset.forms)
    data = {}
    for form in page_forms:
        for field in form:
            value = field.value()
            if value is None or value is False or value == "" or value == []:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            elif isinstance(field.field.widget, forms.DateInput):
                data[field.html_name] = field.field.widget.format_value(value)
            else:
                data[field.html_name] = str(value)
    page = response.content.decode()
    text = re.search(r'<textarea name="source_text"[^>]*>\n?(.*?)</textarea>', page, re.S)
    title = re.search(r'<input type="hidden" name="source_title" value="([^"]*)"', page)
    proposed = [html.unescape(v) for v in re.findall(r'<input type="hidden" name="proposed" value="([^"]*)"', page)]
    ticked = re.findall(
        r'<input class="form-check-input" type="checkbox" name="accept" value="([^"]*)"[^>]* checked', page
    )
    data["proposed"] = proposed
    data["accept"] = [v for v in (html.unescape(t) for t in ticked) if v not in reject]
    data["source_text"] = html.unescape(text[1])
    data["source_title"] = html.unescape(title[1]) if title else ""
    data["action"] = action
    data.update(changes)
    return data


@pytest.fixture
def quang_ninh(db):
    """The bodies of the Quảng Ninh report (tests/extraction/reports/quang_ninh_front.txt),
    a staff member of its police, the forms of commendation and the movements."""
    from agreements.models import Sector

    province = make_locality(key="63-tinhquangninh", name="Tỉnh Quảng Ninh", short_name="Quảng Ninh")
    police, _ = Sector.objects.get_or_create(code="police", defaults={"name": "Công an nhân dân"})
    front, _ = Sector.objects.get_or_create(code="fatherland_front", defaults={"name": "Mặt trận Tổ quốc Việt Nam"})
    government, _ = Sector.objects.get_or_create(code="government", defaults={"name": "Chính quyền"})
    ministry = make_body(name="Bộ Công an", short_name="BCA", sector=police, level=Body.Level.CENTRAL)
    bodies = {
        "police": make_body(name="Công an tỉnh Quảng Ninh", sector=police, parent=ministry, locality=province),
        "front": make_body(
            name="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ninh",
            short_name="Ủy ban MTTQ tỉnh Quảng Ninh",
            sector=front,
            locality=province,
        ),
        "people_committee": make_body(
            name="Ủy ban nhân dân tỉnh Quảng Ninh",
            short_name="UBND tỉnh Quảng Ninh",
            sector=government,
            locality=province,
        ),
        "ministry": ministry,
    }
    staff = make_user(username="staff.quangninh")
    make_membership(user=staff, body=bodies["police"], role=Membership.Role.STAFF)
    leader = make_user(username="leader.quangninh")
    make_membership(user=leader, body=bodies["police"], role=Membership.Role.LEADER)
    make_award_form(
        name="Bằng khen cấp bộ, ngành, tỉnh",
        short_name="Bằng khen",
        category=AwardForm.Category.CERTIFICATE_OF_MERIT,
        awarded_by=AwardForm.AwardedBy.CENTRAL_OR_PROVINCE,
    )
    make_award_form(
        name="Giấy khen", short_name="Giấy khen", category=AwardForm.Category.CERTIFICATE,
        awarded_by=AwardForm.AwardedBy.UNIT_HEAD,
    )  # fmt: skip
    make_award_form(
        name="Tuyên dương của ban tổ chức", category=AwardForm.Category.OTHER, awarded_by=AwardForm.AwardedBy.ANY
    )
    movement = make_movement(name="Toàn dân bảo vệ an ninh Tổ quốc", synonyms="Toàn dân bảo vệ ANTQ")
    return {"bodies": bodies, "staff": staff, "leader": leader, "movement": movement, "province": province}
