"""Entry forms: validate and normalise only. Saving is done by agreements.services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agreements.attachments import check_attachment
from agreements.models import (
    Agreement,
    Appearance,
    Body,
    Conference,
    ConferenceAgreement,
    Indicator,
    Locality,
    Movement,
    Person,
)
from common.forms import (
    CleanCharField,
    LookupSelect,
    LookupSelectMultiple,
    PeriodField,
    VietnameseDecimalField,
)

BODY_LOOKUP = "entry:body-lookup"
PERSON_LOOKUP = "entry:person-lookup"
AGREEMENT_LOOKUP = "entry:agreement-lookup"


def body_field(label, required=False, multiple=False, **kwargs):
    if multiple:
        return forms.ModelMultipleChoiceField(
            Body.objects.all(), label=label, required=required, widget=LookupSelectMultiple(BODY_LOOKUP), **kwargs
        )
    return forms.ModelChoiceField(
        Body.objects.all(), label=label, required=required, widget=LookupSelect(BODY_LOOKUP), **kwargs
    )


def text_area(label, rows=3, **kwargs):
    return CleanCharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class RowForm(forms.Form):
    """A row of an inline list: carries the id of the row it edits, if any."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user_bodies=None, **kwargs):
        # user_bodies: ids of the bodies the user enters for; None for administrators.
        self.user_bodies = user_bodies
        super().__init__(*args, **kwargs)


class ConferenceForm(forms.Form):
    title = CleanCharField(label=_("Title"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Conference.Kind.choices)
    extra_kinds = forms.MultipleChoiceField(
        label=_("Also"),
        choices=Conference.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A conference can be several at once, e.g. a final review followed by a signing."),
    )
    held_on = forms.DateField(label=_("Date"), required=False, help_text=_("dd/mm/yyyy"))
    held_on_text = CleanCharField(
        label=_("Date as written"), max_length=100, required=False, help_text=_("E.g. “Chiều 17-1”.")
    )
    place = CleanCharField(label=_("Place"), max_length=300, required=False)
    locality = forms.ModelChoiceField(
        Locality.objects.filter(level=Locality.Level.PROVINCE),
        label=_("Province"),
        required=False,
    )
    hosts = body_field(_("Hosts"), required=True, multiple=True)
    participants = body_field(_("Other bodies taking part"), multiple=True)
    reviewed_period = PeriodField(label=_("Period reviewed"), required=False)
    results = text_area(_("Results"), rows=4)
    shortcomings = text_area(_("Shortcomings"))
    remedies = text_area(_("Remedies"))
    directions = text_area(_("Directions for the next period"))
    movements = forms.ModelMultipleChoiceField(
        Movement.objects.all(), label=_("Movements"), required=False, widget=forms.CheckboxSelectMultiple
    )
    model_practices = text_area(_("Model practices"), rows=2, help_text=_("One per line, e.g. “Tổ công nhân tự quản”."))
    source_url = forms.URLField(label=_("Source URL"), max_length=500, required=False, assume_scheme="https")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user_bodies=None, **kwargs):
        # user_bodies: ids of the bodies the user enters for; None for administrators.
        self.user_bodies = user_bodies
        super().__init__(*args, **kwargs)

    def clean_extra_kinds(self):
        return [k for k in self.cleaned_data["extra_kinds"] if k != self.cleaned_data.get("kind")]

    def clean(self):
        data = super().clean()
        hosts = set(data.get("hosts") or [])
        participants = set(data.get("participants") or [])
        if hosts & participants:
            self.add_error("participants", _("A body is either a host or a participant, not both."))
        if self.user_bodies is not None and hosts and not {b.pk for b in hosts | participants} & self.user_bodies:
            self.add_error("hosts", _("Your own body must be among the hosts or the participants."))
        return data


class AgreementLinkForm(RowForm):
    """An agreement's part in the conference: an existing one, or a new one created here."""

    role = forms.ChoiceField(label=_("Role"), choices=ConferenceAgreement.Role.choices)
    agreement = forms.ModelChoiceField(
        Agreement.objects.all(), label=_("Existing agreement"), required=False, widget=LookupSelect(AGREEMENT_LOOKUP)
    )
    new_kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *Agreement.Kind.choices], required=False)
    new_number = CleanCharField(label=_("Number"), max_length=100, required=False)
    new_title = CleanCharField(label=_("Title / subject"), max_length=500, required=False)
    new_signed_on = forms.DateField(label=_("Signed on"), required=False)
    new_period = PeriodField(label=_("Period"), required=False)
    new_parties = body_field(
        _("Parties"), multiple=True, help_text=_("Leave empty to use the hosts of the conference.")
    )
    new_supersedes = forms.ModelChoiceField(
        Agreement.objects.all(), label=_("Supersedes"), required=False, widget=LookupSelect(AGREEMENT_LOOKUP)
    )
    new_succeeds_reviewed = forms.BooleanField(
        label=_("Succeeds the agreement reviewed at this conference"),
        required=False,
        help_text=_("Typical at a final review followed by the signing of the next period's agreement."),
    )
    new_implements = forms.ModelChoiceField(
        Agreement.objects.all(), label=_("Implements"), required=False, widget=LookupSelect(AGREEMENT_LOOKUP)
    )

    def clean(self):
        data = super().clean()
        if data.get("new_supersedes") and data.get("new_succeeds_reviewed"):
            self.add_error("new_succeeds_reviewed", _("Pick the agreement it supersedes or tick this box, not both."))
        wants_new = any(data.get(f) for f in ("new_kind", "new_number", "new_title", "new_period", "new_signed_on"))
        if data.get("agreement") and wants_new:
            raise ValidationError(_("Pick an existing agreement or describe a new one, not both."))
        if not data.get("agreement") and not wants_new:
            self.add_error("agreement", _("Pick an existing agreement or describe a new one."))
        if wants_new:
            parties = data.get("new_parties")
            if self.user_bodies is not None and parties and not {b.pk for b in parties} & set(self.user_bodies):
                self.add_error("new_parties", _("Your own body must be one of the parties."))
            if not data.get("new_kind"):
                self.add_error("new_kind", _("Choose the kind of the new agreement."))
            if not (data.get("new_number") or data.get("new_title")):
                self.add_error("new_title", _("A new agreement needs a number or a title."))
        return data


class PersonRowForm(RowForm):
    """A person as they were on the day: picked from the registry or typed as a new name."""

    person = forms.ModelChoiceField(
        Person.objects.all(), label=_("Person"), required=False, widget=LookupSelect(PERSON_LOOKUP)
    )
    new_person = CleanCharField(label=_("or a new person"), max_length=200, required=False)
    honorific = forms.ChoiceField(
        label=_("Honorific"), choices=[("", "—"), *Appearance.Honorific.choices], required=False
    )
    rank = forms.ChoiceField(label=_("Rank"), choices=[("", "—"), *Appearance.Rank.choices], required=False)
    positions = text_area(_("Positions"), rows=2, help_text=_("One per line."))
    body = body_field(_("On behalf of"))

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("new_person"):
            self.add_error("new_person", _("Pick an existing person or type a new name, not both."))
        elif not data.get("person") and not data.get("new_person"):
            self.add_error("person", _("Pick a person or type a new name."))
        return data


class AppearanceForm(PersonRowForm):
    """A chair, speaker or signatory at the conference."""

    role = forms.ChoiceField(label=_("Role"), choices=Appearance.Role.choices, initial=Appearance.Role.CHAIR)
    signs = forms.BooleanField(label=_("Signed the agreement signed here"), required=False)
    field_order = ["id", "role", "person", "new_person", "honorific", "rank", "positions", "body", "signs"]


class FigureForm(RowForm):
    """A reported figure: an indicator of the catalogue (or a new one), a value, a body."""

    indicator = forms.ModelChoiceField(Indicator.objects.all(), label=_("Indicator"), required=False)
    new_indicator = CleanCharField(label=_("or a new indicator"), max_length=300, required=False)
    new_unit = CleanCharField(label=_("its unit"), max_length=50, required=False)
    value = VietnameseDecimalField(label=_("Value"), max_digits=18, decimal_places=2, min_value=0)
    body = body_field(_("Reported by"), required=True)
    period = PeriodField(label=_("Period"), required=False, help_text=_("Empty: the period reviewed."))
    source_quote = CleanCharField(label=_("Quote"), max_length=1000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("indicator") and data.get("new_indicator"):
            self.add_error("new_indicator", _("Pick an indicator or name a new one, not both."))
        elif not data.get("indicator") and not data.get("new_indicator"):
            self.add_error("indicator", _("Pick an indicator or name a new one."))
        elif data.get("new_indicator") and not data.get("new_unit"):
            self.add_error("new_unit", _("Give the unit of the new indicator."))
        return data


class AgreementForm(forms.Form):
    """An agreement on its own (not through a conference)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Agreement.Kind.choices)
    number = CleanCharField(label=_("Number"), max_length=100, required=False)
    aliases = text_area(_("Also cited as"), rows=2, help_text=_("Other numbers it is cited by, one per line."))
    title = CleanCharField(label=_("Title / subject"), max_length=500, required=False)
    signed_on = forms.DateField(label=_("Signed on"), required=False)
    period = PeriodField(label=_("Period"), required=False)
    terminated_on = forms.DateField(
        label=_("Terminated on"),
        required=False,
        help_text=_("Only when the parties ended it before its period was over."),
    )
    parties = body_field(_("Parties"), required=True, multiple=True)
    supersedes = forms.ModelChoiceField(
        Agreement.objects.all(), label=_("Supersedes"), required=False, widget=LookupSelect(AGREEMENT_LOOKUP)
    )
    implements = forms.ModelChoiceField(
        Agreement.objects.all(), label=_("Implements"), required=False, widget=LookupSelect(AGREEMENT_LOOKUP)
    )
    key_tasks = text_area(_("Key tasks"), rows=4, help_text=_("One per line."))
    movements = forms.ModelMultipleChoiceField(
        Movement.objects.all(), label=_("Movements"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attachment = forms.FileField(label=_("Attach a document"), required=False)
    attachment_title = CleanCharField(label=_("Document title"), max_length=300, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user_bodies=None, instance=None, **kwargs):
        self.user_bodies = user_bodies
        self.instance = instance
        super().__init__(*args, **kwargs)

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            # By content: a PDF, Word, Excel, PNG or JPEG file within the size limit.
            check_attachment(upload, upload.name)
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("number") or data.get("title")):
            self.add_error("title", _("An agreement needs a number or a title."))
        parties = data.get("parties")
        if self.user_bodies is not None and parties and not {b.pk for b in parties} & self.user_bodies:
            self.add_error("parties", _("Your own body must be one of the parties."))
        if self.instance is not None:
            for field in ("supersedes", "implements"):
                if data.get(field) == self.instance:
                    self.add_error(field, _("An agreement cannot refer to itself."))
        return data


class SignatoryForm(PersonRowForm):
    """A signatory of an agreement, as of the signing."""

    body = body_field(_("On behalf of"), required=True)


def row_formset(form):
    # Rows are added in the browser; 500 is far above any real report and bounds a forged post.
    return forms.formset_factory(form, extra=0, can_delete=True, max_num=500, absolute_max=500, validate_max=True)


AgreementLinkFormSet = row_formset(AgreementLinkForm)
AppearanceFormSet = row_formset(AppearanceForm)
FigureFormSet = row_formset(FigureForm)
SignatoryFormSet = row_formset(SignatoryForm)
