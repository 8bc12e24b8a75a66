"""Word lists the extractor reads Vietnamese reports with.

Everything here is general knowledge of how Vietnamese public bodies, officials, awards and
reported figures are written; nothing names a particular report. Patterns are written on
*folded* text (lower case, tone marks and the stroke of "đ" removed, see ``fold_keep``), so
"Liên đoàn Lao động", "LIÊN ĐOÀN LAO ĐỘNG" and "lien doan lao dong" are one pattern.
"""

# Provinces and centrally-run cities, before and after the merger of 1 July 2025 (the 34
# current names are all among these, plus "Huế"). Spelling variants fold to one key.
PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Cạn",
    "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng",
    "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắc Lắc", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình",
    "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai",
    "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Thừa Thiên - Huế", "Huế", "Tiền Giang", "Hồ Chí Minh",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "HCM", "HN",
]  # fmt: skip

# Common family names: a person's name written after a position ("Chủ tịch Hội Nông dân
# tỉnh Lê Văn Tám") is told apart from the rest of the phrase by its family name.
SURNAMES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
    "duong", "ly", "dinh", "truong", "lam", "mai", "to", "doan", "luong", "cao", "ha", "trinh", "dao", "luu",
    "chau", "thai", "ta", "quach", "kieu", "trieu", "tu", "la", "chu", "phung", "nong", "lo", "lai", "khuc",
    "kim", "giang", "thach", "hua", "ong", "bach", "che", "dam", "diep", "dong", "hau", "kha", "khong",
    "khuat", "lac", "lang", "lieu", "luc", "mac", "man", "nghiem", "phi", "phuong", "quan", "son", "tang",
    "than", "tieu", "tong", "van", "vi", "vuong", "yen", "au", "cu", "can", "cam", "danh", "du", "ung",
    "ninh", "mong", "quang", "sam", "hong", "thieu", "tiet", "vien", "long", "ma", "nhan", "lu",
}  # fmt: skip

# Military and police ranks, highest first: (folded, as written).
RANKS = [
    ("dai tuong", "Đại tướng"), ("thuong tuong", "Thượng tướng"), ("trung tuong", "Trung tướng"),
    ("thieu tuong", "Thiếu tướng"), ("dai ta", "Đại tá"), ("thuong ta", "Thượng tá"), ("trung ta", "Trung tá"),
    ("thieu ta", "Thiếu tá"), ("dai uy", "Đại úy"), ("thuong uy", "Thượng úy"), ("trung uy", "Trung úy"),
    ("thieu uy", "Thiếu úy"),
]  # fmt: skip

HONORIFICS = {"ong": "ông", "ba": "bà", "dong chi": "đồng chí", "anh": "anh", "chi": "chị"}

# Position titles (folded). A position is a title, an optional qualifier and the organ held.
TITLES = [
    "tong bi thu", "chu tich nuoc", "pho thu tuong", "thu tuong", "bo truong", "thu truong",
    "pho tong cuc truong", "tong cuc truong", "pho cuc truong", "cuc truong", "pho vu truong", "vu truong",
    "pho tong giam doc", "tong giam doc", "pho giam doc", "giam doc", "pho chu tich", "chu tich",
    "pho bi thu", "bi thu", "tinh uy vien", "thanh uy vien", "huyen uy vien", "uy vien",
    "pho truong ban", "truong ban", "pho truong phong", "truong phong", "pho chanh van phong", "chanh van phong",
    "chanh thanh tra", "pho chu nhiem", "chu nhiem", "pho tu lenh", "tu lenh", "pho chinh uy", "chinh uy",
    "pho chi huy truong", "chi huy truong", "tham muu truong",
    "pho doi truong", "doi truong", "tong thu ky", "pho truong doan", "truong doan", "dai bieu quoc hoi",
    "pho chanh an", "chanh an", "pho vien truong", "vien truong", "pho truong", "truong",
]  # fmt: skip
TITLE_QUALIFIERS = ["thuong truc", "phu trach", "thu nhat", "kiem"]
# Titles that need an organ after them ("Trưởng" alone is no position).
TITLES_NEEDING_ORGAN = {"truong", "pho truong", "uy vien"}

# Party organs held as positions; they are not parties to agreements.
PARTY_ORGANS = (
    r"(?:ban thuong vu |ban chap hanh |ban can su dang )?"
    r"(?:trung uong dang|bo chinh tri|ban bi thu|ban chap hanh trung uong dang|trung uong"
    r"|tinh uy|thanh uy|huyen uy|quan uy|thi uy"
    r"|dang uy khoi(?: cac)? (?:co quan(?: ?[-–] ?doanh nghiep| va doanh nghiep)?|doanh nghiep)"
    r"|dang uy(?: (?:cong an|quan su|bien phong|quan doi) trung uong)?|chi bo|dang doan)"
)

# Ministries and provincial departments, as written after "Bộ" / "Sở" / "Bộ trưởng".
MINISTRIES = [
    "cong an", "quoc phong", "lao dong ?[-–]? ?thuong binh va xa hoi", "ld ?[-–]? ?tb ?(?:&|va) ?xh", "ldtbxh",
    "tu phap", "y te", "giao duc va dao tao", "gd ?(?:&|va) ?dt", "noi vu", "tai chinh", "cong thuong",
    "nong nghiep va phat trien nong thon", "nong nghiep va moi truong", "tai nguyen va moi truong",
    "thong tin va truyen thong", "khoa hoc va cong nghe", "giao thong van tai", "xay dung", "ke hoach va dau tu",
    "ngoai giao", "dan toc va ton giao", "van hoa,? the thao va du lich", "van hoa va the thao",
]  # fmt: skip

# Bodies: (folded pattern of the head, sector, how the level is given).
#   "own": the head names the body completely (central bodies, "Tỉnh đoàn").
#   "level": needs a level word after it ("Công an tỉnh"); alone it is the sector.
#   "optional": a level may follow ("Sở Tư pháp", "Sở Tư pháp tỉnh Nam Định").
MINISTRY_NAMES = "(?:" + "|".join(MINISTRIES) + ")"
BODY_HEADS = [
    (r"bo cong an", "police", "own"),
    (r"bo quoc phong", "army", "own"),
    (r"bo " + MINISTRY_NAMES, "government", "own"),
    (r"bo tu lenh (?:bo doi bien phong|canh sat co dong|canh sat bien|thu do ha noi|quan khu \d+)", "army", "own"),
    (
        r"tong lien doan lao dong viet nam|tong ldld viet nam|tong ldldvn|tldld ?vn|tldld viet nam",
        "labour_union",
        "own",
    ),
    (r"tong lien doan lao dong|tldld", "labour_union", "own"),
    (r"(?:uy ban trung uong|ubtw) (?:mat tran to quoc|mttq)(?: viet nam)?", "fatherland_front", "own"),
    (r"trung uong doan(?: tncs ho chi minh| thanh nien cong san ho chi minh)?", "youth_union", "own"),
    (r"trung uong hoi (?:nong dan|lien hiep phu nu|lhpn|cuu chien binh|ccb|cuu cand)(?: viet nam)?", "association",
     "own"),
    (r"hoi (?:nong dan|lien hiep phu nu|lhpn|cuu chien binh|ccb) viet nam", "association", "own"),
    (r"hoi (?:nong dan|lien hiep phu nu|lhpn|phu nu|cuu chien binh|ccb)", "association", "level"),
    (r"cong an", "police", "level"),
    (r"lien doan lao dong|ldld", "labour_union", "level"),
    (
        r"cong doan (?:nganh [a-z]+(?: [a-z]+)?|(?:cac )?khu cong nghiep|khu kinh te|vien chuc|cong an)",
        "labour_union",
        "optional_generic",
    ),
    (r"cong doan", "labour_union", "level"),
    (
        r"(?:ban thuong truc )?(?:uy ban mat tran to quoc|uy ban mttq|ubmttq|mat tran to quoc|mttq)(?: viet nam)?",
        "fatherland_front",
        "level",
    ),
    (r"uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd", "government", "level"),
    (r"vien kiem sat nhan dan|vksnd|toa an nhan dan|tand", "government", "level"),
    (r"so " + MINISTRY_NAMES, "government", "optional"),
    (r"tinh doan|thanh doan|huyen doan", "youth_union", "own_locality"),
    (r"doan thanh nien(?: cong san ho chi minh)?|doan tncs ho chi minh", "youth_union", "level"),
    # "Đoàn xã Ea Phê", "Đoàn phường": the youth union of a commune (checked for its capital).
    (r"doan(?= (?:xa|phuong|thi tran|truong) )", "youth_union", "level"),
    (
        r"bo chi huy (?:quan su|bo doi bien phong)|ban chi huy quan su|bo chqs|ban chqs|bchqs|bo doi bien phong|bdbp",
        "army",
        "level",
    ),
    (r"quan khu \d+", "army", "own"),
    # A board of a party committee: "Ban Dân vận Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy".
    (r"ban (?:[a-z]+ ){1,5}?(?:tinh uy|thanh uy|huyen uy|quan uy|thi uy|trung uong)", "party", "own_locality"),
    (r"dang uy khoi(?: cac)? (?:co quan(?: ?[-–] ?doanh nghiep| va doanh nghiep)?|doanh nghiep)", "party", "optional"),
    (r"(?:tinh uy|thanh uy|huyen uy)(?! vien)", "party", "own_locality"),
    (r"dang uy", "party", "level"),
    (r"ban quan ly (?:cac )?(?:khu kinh te|khu cong nghiep|kkt|kcn)", "government", "optional"),
    (r"chinh phu", "government", "own"),
    # The authorities in general, named as a partner ("phối hợp với chính quyền địa phương").
    (r"chinh quyen (?:dia phuong|cac cap|co so)", "government", "generic"),
]  # fmt: skip

# Nouns that start the name of an organisation written in full ("Tổng cục Chính trị Công an
# nhân dân", "Đài Truyền hình TP", "Hội Người cao tuổi tỉnh"): the noun, a capitalised word,
# then words up to a level word or the end of the phrase. (folded noun, sector, needs a level)
NAMED_ORGANISATIONS = [
    ("tong cuc", "government", False),
    ("cuc", "government", False),
    ("dai", "media", False),
    ("hoi", "association", True),
]
# Units of a police force named before it: "Đội Cảnh sát giao thông Công an huyện X".
POLICE_UNITS = r"doi|phong|cuc"
# Mass organisations of a ministry or of a group of provinces: "Đoàn thanh niên Bộ Công an".
MASS_ORGANISATIONS = r"doan thanh nien|cong doan|hoi phu nu|hoi cuu chien binh"

# Level words after a head: (folded pattern, level).
LEVELS = [
    (r"trung uong", "central"),
    (r"tinh", "province"),
    (r"tp\.? ?hcm|tphcm", "city"),
    (r"thanh pho|tp\.?", "city"),
    (r"huyen|quan|thi xa", "district"),
    (r"xa|phuong|thi tran", "commune"),
    (r"khu kinh te|khu cong nghiep|kkt|kcn", "zone"),
]

# Level words that fold like other words ("quản", "xa", "tinh"): the spelling that is the level.
LEVEL_SPELLINGS = {
    "tinh": "tỉnh", "huyen": "huyện", "quan": "quận", "xa": "xã", "phuong": "phường", "thi xa": "thị xã",
    "thi tran": "thị trấn", "thanh pho": "thành phố", "trung uong": "trung ương",
}  # fmt: skip

# Words before a body that make it a category rather than one body ("các cấp công đoàn").
GENERIC_BEFORE = r"(?:cac|nhung|moi|luc luong|cac cap|cap|toan the|hai|ba|2|3|cac to chuc|to chuc)\s+$"
# A body written as a category ("lực lượng công an", "các cấp công đoàn", "tổ chức Công đoàn"):
# never one body, even as a partner.
CATEGORY_BEFORE = r"(?:cac|nhung|moi|luc luong|cac cap|cap|toan the|cac to chuc|to chuc)\s+$"
# A body named only as the issuer of a document that is no agreement ("chỉ thị, nghị quyết
# của Trung ương Hội"), not as a party to the work.
ISSUER_BEFORE = r"(?:chi thi|nghi quyet|quyet dinh|huong dan|cong van|thong bao|chi dao)[^.;]{0,30}\s(?:cua|do)\s+$"
GENERIC_AFTER = r"^\s*(?:cac cap|cac\b|co so\b|cap\b)"
# Before a body that is only where someone belongs ("công nhân trực thuộc LĐLĐ huyện").
AFFILIATION_BEFORE = r"(?:truc thuoc|thuoc)\s+$"

# Abbreviations, expanded when names are compared (folded, word by word).
ABBREVIATIONS = {
    "ldld": "lien doan lao dong",
    "tldld": "tong lien doan lao dong",
    "tldldvn": "tong lien doan lao dong viet nam",
    "ldldvn": "lien doan lao dong viet nam",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "ubtw": "uy ban trung uong",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tp": "thanh pho",
    "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh",
    "bchqs": "bo chi huy quan su",
    "chqs": "chi huy quan su",
    "bdbp": "bo doi bien phong",
    "tncs": "thanh nien cong san",
    "vksnd": "vien kiem sat nhan dan",
    "tand": "toa an nhan dan",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "antq": "an ninh to quoc",
    "anqg": "an ninh quoc gia",
    "antt": "an ninh trat tu",
    "cnvcld": "cong nhan vien chuc lao dong",
    "cnld": "cong nhan lao dong",
    "cbcs": "can bo chien si",
    "vn": "viet nam",
    "hcm": "ho chi minh",
    "kkt": "khu kinh te",
    "kcn": "khu cong nghiep",
    "cand": "cong an nhan dan",
    "tphcm": "thanh pho ho chi minh",
}

# Agreement kinds: (folded pattern, label as in the reports, Agreement.Kind value).
AGREEMENT_KINDS = [
    (r"nghi quyet lien tich", "nghị quyết liên tịch", "joint_resolution"),
    (r"thong tu lien tich", "thông tư liên tịch", "other"),
    (r"quy che", "quy chế", "regulation"),
    (r"chuong trinh", "chương trình", "programme"),
    (r"ke hoach", "kế hoạch", "plan"),
    (r"thoa thuan|ban ghi nho", "thỏa thuận", "other"),
    # A Government decree that bodies carry out together is the instrument of their work.
    (r"nghi dinh", "nghị định", "other"),
]
# The kinds the truth files name; any other instrument is "other".
AGREEMENT_KIND_NAMES = ("quy chế", "chương trình", "kế hoạch", "nghị quyết liên tịch")
AGREEMENT_MODIFIERS = r"(?:\s+(?:phoi hop|lien nganh|lien tich|hanh dong|cong tac|thuc hien|lien ket))*"

# Conference kinds (label as in the reports, Conference.Kind value).
CONFERENCE_KINDS = {
    "sơ kết": "interim_review",
    "tổng kết": "final_review",
    "ký kết": "signing",
    "biểu dương": "commendation",
    "tuyên dương": "commendation",
    "giao ban": "briefing",
}
# Events that are none of the above, as the reports name them after "tổ chức", "hội nghị",
# "lễ", "buổi" or "chương trình" (folded → label). They are recorded as "other" kinds.
# (Training and roll-out are listed among results too often to name the event by
# themselves: "tổ chức tập huấn cho 500 hội viên"; a "hội nghị triển khai" is "other".)
EVENT_KINDS = {
    "bieu duong": "biểu dương",
    "tuyen duong": "tuyên dương",
    "giao ban": "giao ban",
    "toa dam": "tọa đàm",
    "hoi thao": "hội thảo",
    "ngay hoi": "ngày hội",
    "giao luu": "giao lưu",
    "ra mat": "ra mắt",
    "phat dong": "phát động",
    "hoi thi": "hội thi",
    "gap mat": "gặp mặt",
    "hop mat": "họp mặt",
}

# Forms of commendation: (folded pattern, label).
AWARD_FORMS = [
    (r"huan chuong [a-z ]+?hang (?:nhat|nhi|ba)|huan chuong (?:sao vang|ho chi minh)", "Huân chương"),
    (r"huy chuong [a-z ]+?to quoc|huy chuong", "Huy chương"),
    (r"ky niem chuong", "Kỷ niệm chương"),
    (r"co thi dua", "Cờ thi đua"),
    (r"bang khen", "Bằng khen"),
    (r"giay khen", "Giấy khen"),
    (r"chien si thi dua", "Chiến sĩ thi đua"),
]
AWARD_VERBS = r"(?:tang|trao tang|trao|khen thuong|tuyen duong|bieu duong|trao thuong|ghi nhan)"

# Movements: canonical name and the ways it is written (tone marks and case do not matter;
# abbreviations are expanded before comparing).
MOVEMENTS = [
    ("Toàn dân bảo vệ an ninh Tổ quốc", ["toàn dân bảo vệ an ninh tổ quốc", "toàn dân bảo vệ ANTQ"]),
    ("Vì an ninh Tổ quốc", ["vì an ninh tổ quốc"]),
    (
        "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        ["toàn dân đoàn kết xây dựng đời sống văn hóa", "toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"],
    ),
    ("Cả nước chung sức xây dựng nông thôn mới", ["chung sức xây dựng nông thôn mới", "xây dựng nông thôn mới"]),
    (
        "Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia",
        ["toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia"],
    ),
    ("Thi đua quyết thắng", ["thi đua quyết thắng"]),
    ("Dân vận khéo", ["dân vận khéo"]),
    ("Thanh niên tình nguyện", ["thanh niên tình nguyện"]),
    ("Xung kích, tình nguyện phát triển kinh tế - xã hội và bảo vệ Tổ quốc", ["xung kích, tình nguyện"]),
    (
        "Nông dân thi đua sản xuất kinh doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững",
        ["nông dân thi đua sản xuất kinh doanh giỏi"],
    ),
    ("Lao động giỏi, lao động sáng tạo", ["lao động giỏi, lao động sáng tạo"]),
    ("Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động", ["xanh - sạch - đẹp"]),
]

# Units of reported figures (folded → as usually written). Time spans (năm, tháng), parties
# (đơn vị, cơ quan, bên) and recipients of awards (tập thể, cá nhân) are not figures.
FIGURE_UNITS = {
    "luot": "lượt",
    "cuoc": "cuộc",
    "buoi": "buổi",
    "lop": "lớp",
    "hoi nghi": "hội nghị",
    "dot": "đợt",
    "nguoi": "người",
    "cnld": "CNLĐ",
    "cnvcld": "CNVCLĐ",
    "cong nhan": "công nhân",
    "doan vien": "đoàn viên",
    "hoi vien": "hội viên",
    "doi vien": "đội viên",
    "can bo": "cán bộ",
    "chien si": "chiến sĩ",
    "hoc vien": "học viên",
    "thanh nien": "thanh niên",
    "nong dan": "nông dân",
    "ho gia dinh": "hộ gia đình",
    "ho": "hộ",
    "vu viec": "vụ việc",
    "vu": "vụ",
    "tin bao": "tin báo",
    "nguon tin": "nguồn tin",
    "tin bai": "tin bài",
    "tin": "tin",
    "doi tuong": "đối tượng",
    "tai lieu": "tài liệu",
    "to roi": "tờ rơi",
    "to gap": "tờ gấp",
    "cuon": "cuốn",
    "ban": "bản",
    "bang ron": "băng rôn",
    "khau hieu": "khẩu hiệu",
    "pa no": "pa nô",
    "bai viet": "bài viết",
    "bai": "bài",
    "phong su": "phóng sự",
    "mo hinh": "mô hình",
    "to tu quan": "tổ tự quản",
    "doi": "đội",
    "nhom": "nhóm",
    "truong": "trường",
    "thon": "thôn",
    "ap": "ấp",
    "xa": "xã",
    "phuong": "phường",
    "co so": "cơ sở",
    "phuong tien": "phương tiện",
    "ca": "ca",
    "kg": "kg",
    "to": "tổ",
    "cau lac bo": "câu lạc bộ",
    "chi hoi": "chi hội",
    "chi doan": "chi đoàn",
    "khu dan cu": "khu dân cư",
    "clb": "CLB",
    "doanh nghiep": "doanh nghiệp",
    "khu nha tro": "khu nhà trọ",
    "nha tro": "nhà trọ",
    "phong tro": "phòng trọ",
    "suat qua": "suất quà",
    "phan qua": "phần quà",
    "suat": "suất",
    "truong hop": "trường hợp",
    "camera": "camera",
    "ty dong": "tỷ đồng",
    "trieu dong": "triệu đồng",
    "nghin dong": "nghìn đồng",
    "dong": "đồng",
    "%": "%",
    "thanh vien": "thành viên",
    "cn": "CN",
    "dau sach": "đầu sách",
    "tu sach": "tủ sách",
    "so tay": "sổ tay",
    "an pham": "ấn phẩm",
    "loai": "loại",
    "bo": "bộ",
    "chuyen de": "chuyên đề",
    "hoat dong": "hoạt động",
    "chuong trinh": "chương trình",
    "cuoc hop": "cuộc họp",
    "lop hoc": "lớp học",
    "nguoi dan": "người dân",
    "ho dan": "hộ dân",
    "tin nhan": "tin nhắn",
    "video": "video",
    "clip": "clip",
}
# Units read only with the word after them: "100 bộ áo dài", "10 loại tài liệu" (not "2 Bộ",
# "3 loại tội phạm"): (folded unit, folded words that may follow).
UNITS_NEEDING_NOUN = {
    "bo": r"ao|sach|tai lieu|qua|dung cu|trang phuc|do|quan ao|may|camera",
    "loai": r"tai lieu|an pham|to roi|sach|bang ron|san pham|tin",
}
# Units of people that say how large a population is, not what the work did, when a report
# states how many there are now ("Hiện cả nước có khoảng 17 triệu công nhân").
POPULATION_UNITS = {
    "nguoi",
    "cong nhan",
    "cnld",
    "cnvcld",
    "cn",
    "doan vien",
    "hoi vien",
    "nong dan",
    "thanh nien",
    "ho",
    "ho gia dinh",
    "nguoi dan",
    "ho dan",
    "thanh vien",
}
# Units that count teams and models: a number of them "now" is a result of the work.
ORGANISED_UNITS = {"to", "doi", "nhom", "mo hinh", "cau lac bo", "clb", "to tu quan", "chi hoi"}
# Words of a clause about the economy: percentages there are context, not results.
ECONOMY_WORDS = r"tong san pham|gdp|ngan sach|kinh te|tang truong|doanh thu|xuat khau|thu nhap|dan so"
# Words before a number that make it part of an address or a name: "phường 10", "hẻm 35"
# (folded → as written; "ra quân 42 đợt" is no "quận").
PLACE_BEFORE_NUMBER = {
    "phuong": "phường", "quan": "quận", "huyen": "huyện", "xa": "xã", "khu pho": "khu phố", "khom": "khóm",
    "to dan pho": "tổ dân phố", "ap": "ấp", "thon": "thôn", "so": "số", "hem": "hẻm", "ngo": "ngõ",
    "ngach": "ngách", "duong": "đường", "khu": "khu",
}  # fmt: skip
# Words after a unit that make the number page furniture, not a figure ("291 lượt xem").
UNIT_STOP_AFTER = r"^\s*(?:xem|thich|chia se|binh luan|doc|truy cap|view)"
MULTIPLIERS = {"nghin": 1000, "ngan": 1000, "trieu": 1000000, "ty": 1000000000}

# Page furniture: lines dropped before reading (folded, whole line).
CHROME_LINES = [
    r"(?:so )?luot (?:xem|doc|thich)\s*:?\s*[\d.]*",
    r"[\d.]+\s*luot (?:xem|doc|thich)",
    r"chia se(?: bai viet)?:?",
    r"in bai(?: viet)?|gui bai(?: viet)?|luu bai(?: viet)?",
    r"danh gia bai viet",
    r"(?:trang chu|quay lai|len dau trang|facebook|zalo|twitter|email|print|share|like)(?:\s*[>|/-].*)?",
    r"binh luan(?: \(\d+\))?|y kien ban doc|gui binh luan|viet binh luan",
    r"(?:tags?|tu khoa)\s*:.*",
    r"(?:tin|anh|tin, anh|tin va anh|bai, anh|bai va anh|bai va anh|anh|nguon|theo)\s*:.*",
    r"\(?anh\s*:.*\)?",
    r"(?:font size|co chu|a\+|a-)\b.*",
    r"[\d.,]+\s*(?:views?|luot xem)",
]
# Lines after which the article is over: links to other stories, comments.
END_MARKERS = [
    r"cac tin khac",
    r"tin khac",
    r"tin lien quan",
    r"tin cung chuyen muc",
    r"bai viet lien quan",
    r"cac bai viet khac",
    r"xem them",
    r"doc them",
    r"tin moi(?: nhat| hon)?",
    r"tin da dua",
    r"cung chuyen muc",
    r"binh luan",
    r"y kien ban doc",
    r"danh gia bai viet",
    r"chia se bai viet",
]
# Start of a line that links to another story.
LINK_LINE = r"^\s*(?:>>|»|>|→|-->|xem them\s*:|doc them\s*:|tin lien quan\s*:|\[video\])"

# Common Vietnamese words: a text with none of them is not Vietnamese.
VIETNAMESE_MARKERS = {
    "va", "cua", "cac", "trong", "duoc", "la", "co", "nhung", "voi", "cho", "da", "tai", "nam", "nguoi",
    "hoi", "nghi", "cong", "tac", "phoi", "hop", "tinh", "khong", "nay", "mot", "thuc", "hien",
}  # fmt: skip
