"""What the passes propose: each value with the span of text it was read from and a confidence.

Values below ``THRESHOLD`` are kept apart (``Extraction.uncertain``): they are shown to the
user as suggestions, not filled in.
"""

from dataclasses import dataclass, field

from pressimport.extraction.names import name_key

THRESHOLD = 0.5


@dataclass
class Item:
    span: tuple
    confidence: float


@dataclass
class BodyMention:
    start: int
    end: int
    name: str
    sector: str
    level: str | None
    locality: str
    bare: bool = False  # a sector named without its level ("Công an"), not one body
    generic: bool = False  # a category of bodies ("các cấp công đoàn")
    affiliation: bool = False  # only where someone belongs ("trực thuộc LĐLĐ huyện")
    suppressed: bool = False  # inside an official's party position
    synthetic: bool = False
    partner: bool = False  # a partner or an organiser of the cooperation
    plural: bool = False  # "Công an các phường", "UBND các xã, thị trấn"
    category: bool = False  # written as a category: "lực lượng công an", "các cấp công đoàn"

    @property
    def key(self):
        return name_key(self.name)

    @property
    def specific(self):
        return not (self.bare or self.generic or self.suppressed)


@dataclass
class Body(Item):
    name: str
    sector: str
    level: str | None
    locality: str
    mentions: list = field(default_factory=list)


@dataclass
class Position:
    start: int
    end: int
    text: str
    title: str
    body: BodyMention | None
    party: bool


@dataclass
class Official(Item):
    name: str
    rank: str | None
    honorific: str | None
    positions: list
    body: str | None
    body_mention: BodyMention | None = None
    role: str = "speaker"
    name_span: tuple = (0, 0)

    @property
    def position(self):
        return ", ".join(p.text for p in self.positions) or None


@dataclass
class Mention:
    start: int
    end: int  # end of the phrase read with it (number, date, subject, parties, period)
    kind: str
    kind_label: str
    number: str | None = None
    signed_on: object = None
    subject: str | None = None
    parties: list = field(default_factory=list)  # (text, BodyMention|None)
    period: tuple | None = None
    new_period: bool = False
    generic_parties: bool = False
    single_body: bool = False  # a body's own plan or rules ("Kế hoạch số 120/KH-UBND của UBND tỉnh")
    coordination: bool = False  # named as such: "… phối hợp", "… liên ngành", "… liên tịch"
    role: str | None = None
    role_cue: str = ""  # the words the role was read from
    strong: bool = False
    nested_in: "Mention | None" = None
    sentence: tuple = (0, 0)


@dataclass
class Agreement(Item):
    kind: str
    kind_label: str
    number: str | None = None
    signed_on: object = None
    period: tuple | None = None
    parties: list = field(default_factory=list)  # names as written
    party_bodies: list = field(default_factory=list)  # BodyMention
    role: str | None = None
    subject: str | None = None
    title: str = ""
    implements: "Agreement | None" = None
    mentions: list = field(default_factory=list)


@dataclass
class Conference:
    kind: tuple | None = None  # (label, span, confidence)
    also_kinds: list = field(default_factory=list)
    held_on: tuple | None = None  # (date, span, confidence)
    held_on_text: tuple | None = None
    reviewed_period: tuple | None = None  # ((start, end), span, confidence)
    place: tuple | None = None


@dataclass
class Commendation(Item):
    form: str
    awarded_by: str | None
    recipients_count: int | None
    collective_count: int | None
    individual_count: int | None
    text: str
    authority_bodies: list = field(default_factory=list)
    reason: str = ""


@dataclass
class Figure(Item):
    value: object
    unit: str
    what: str
    text: str
    body: BodyMention | None = None
    context: str = ""  # the clause it was read in


@dataclass
class Named(Item):
    name: str
    canonical: str | None = None


@dataclass
class Extraction:
    text: str
    published_on: object = None
    ignored: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    conference: Conference = field(default_factory=Conference)
    bodies: list = field(default_factory=list)
    officials: list = field(default_factory=list)
    commendations: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    movements: list = field(default_factory=list)
    models: list = field(default_factory=list)
    provinces: list = field(default_factory=list)
    hosts: list = field(default_factory=list)  # names of the bodies holding the conference
    seconds: float = 0.0

    def proposed(self, name):
        return [item for item in getattr(self, name) if item.confidence >= THRESHOLD]

    def uncertain(self, name):
        return [item for item in getattr(self, name) if item.confidence < THRESHOLD]

    @property
    def is_empty(self):
        groups = ("agreements", "officials", "commendations", "figures", "movements", "models")
        return not any(self.proposed(name) for name in groups) and self.conference.kind is None

    def to_json(self, *, include_uncertain=False):
        from pressimport.extraction.output import extraction_json

        return extraction_json(self, include_uncertain=include_uncertain)
