"""Constants of person matching: evidence points, thresholds, placeholder dates, name tables.

Every threshold and weight of `rules.personen` lives here, in one place.

Evidence is counted in *points*: the natural logarithm of how much more likely the observed
agreement is for the same person than for someone else at the address (Fellegi-Sunter
weights, set by hand and checked against the labelled set in `evaluatie/`). The points of
surname, given names and birth date are added up; the score is
`1 / (1 + e^-(points - PUNTEN_MIDDEN))`, so 0.5 at `PUNTEN_MIDDEN` points. Missing or unusable
data adds 0 points (neither for nor against).
"""

from __future__ import annotations

import datetime
import math

# --- surname (achternaam) ------------------------------------------------------------------

PUNTEN_ACHTERNAAM_GELIJK = 4.0  # equal after normalisation (case, accents, prefix placement)
PUNTEN_ACHTERNAAM_VOLGORDE = 3.5  # the same name parts in another order
PUNTEN_ACHTERNAAM_ZONDER_VOORVOEGSEL = 3.5  # equal apart from voorvoegsel: `Vries` / `de Vries`
PUNTEN_ACHTERNAAM_DEEL = 3.0  # one name is part of the other: `Jansen` / `Jansen-de Vries`
PUNTEN_ACHTERNAAM_SPELLING = 3.5  # another transliteration: `Sukhlal` / `Soekhlal`, `ue` for `ü`
PUNTEN_ACHTERNAAM_KLANK = 2.5  # the same sound: `Janssen` / `Jansen`, `Meier` / `Meijer`
# Typos, by number of edits and the length of the shorter name: one edit in a long name is
# stronger evidence than one in a short name. (at least this long, points for 1, 2, 3 edits)
PUNTEN_ACHTERNAAM_TIKFOUT = ((8, (3.0, 2.0, 1.0)), (6, (2.5, 1.5, 1.0)), (0, (2.0, 1.0, 1.0)))
PUNTEN_ACHTERNAAM_VERSCHILLEND = -5.0
# Subtracted when the surname matched only via another form than the resident's own name.
AFTREK_PARTNERNAAM = 0.0  # the partner's name or a combination, as the BRP naamgebruik says
AFTREK_PARTNERNAAM_ANDER_GEBRUIK = 0.5  # partner's name, but the resident uses another form
AFTREK_EX_PARTNERNAAM = 1.5  # the name of a former partner
AFTREK_NAAM_VERWISSELD = 0.5  # given name and surname swapped

# Edits allowed in a surname or given name (OSA distance: a swap of two letters is one edit),
# by the length of the shorter name: short names allow none.
MAX_TIKFOUTEN = ((4, 0), (6, 1), (11, 2))  # (shorter than, edits); longer: 3
MAX_TIKFOUTEN_LANG = 3

# --- given names (voornamen / voorletters) ------------------------------------------------

PUNTEN_VOORNAMEN_GELIJK = 4.0  # all given names equal
PUNTEN_VOORNAAM_EERSTE = 3.0  # the signal's name(s) are the first of the resident's names
PUNTEN_VOORNAMEN_VOLGORDE = 3.0  # all given names, in another order
PUNTEN_VOORNAAM_ROEPNAAM = 2.5  # a known roepnaam or spelling: `Kees` / `Cornelis`
PUNTEN_VOORNAAM_TIKFOUT = 2.0  # a typo (within `MAX_TIKFOUTEN`)
PUNTEN_VOORNAAM_ANDERE = 2.0  # the signal's name is a later given name (used as roepnaam)
PUNTEN_VOORLETTERS_ALLE = 3.0  # all initials agree (two or more)
PUNTEN_VOORLETTER_ENIGE = 2.5  # the only initial agrees with the only given name
PUNTEN_VOORLETTERS_BEGIN = 2.0  # the signal's initials agree with the first given names
PUNTEN_VOORLETTERS_MEER = -2.0  # the signal has more initials (or names) than the resident
PUNTEN_VOORLETTERS_VOLGORDE = 1.0  # the same initials in another order
PUNTEN_VOORLETTER_LATERE_NAAM = -1.0  # the only initial is that of a later given name
PUNTEN_VOORNAMEN_DEELS = -1.0  # the first agrees, a later one conflicts
PUNTEN_VOORNAAM_ZELFDE_LETTER = -3.0  # different names with the same initial: `Jan` / `Johan`
PUNTEN_VOORNAMEN_VERSCHILLEND = -5.0

# --- birth date ----------------------------------------------------------------------------

PUNTEN_GEBOORTEDATUM_GELIJK = 5.0
PUNTEN_GEBOORTEDATUM_DAG_MAAND_VERWISSELD = 3.0  # 03-04-1985 / 04-03-1985
PUNTEN_GEBOORTEDATUM_EEN_CIJFER = 2.0  # one digit wrong or two digits swapped in day/month/year
PUNTEN_GEBOORTEDATUM_JAAR_MAAND = 2.5  # incomplete date (00-mm-yyyy) agrees
PUNTEN_GEBOORTEDATUM_JAAR = 1.5  # incomplete date (00-00-yyyy), or 01-01-yyyy, agrees on year
PUNTEN_GEBOORTEDATUM_ZELFDE_JAAR = -3.0  # same year, another day and month
PUNTEN_GEBOORTEDATUM_VERSCHILLEND = -6.0

# A resident who was certainly a minor on the signal date: partners signal adults.
MEERDERJARIG = 18
PUNTEN_MINDERJARIG = -3.0

# Birth dates that systems fill in when the real date is unknown: never used as evidence.
OPVULDATA = frozenset(
    {
        datetime.date(1899, 12, 30),  # Excel day 0
        datetime.date(1899, 12, 31),
        datetime.date(1900, 1, 1),
        datetime.date(1901, 1, 1),
        datetime.date(1970, 1, 1),  # Unix epoch
        datetime.date(2000, 1, 1),
    }
)

# Day and month that systems fill in when only the year is known (01-01, 01-07, 31-12): such a
# date is compared on its year only when the full date does not agree.
OPVUL_DAG_MAAND = frozenset({(1, 1), (1, 7), (31, 12)})

# --- decisions -----------------------------------------------------------------------------

PUNTEN_MIDDEN = 4.0  # score 0.5
# A resident is confirmed (BSN attached) at this many points or more: e.g. surname + birth date,
# or surname + agreeing initials when the birth date is unusable ...
PUNTEN_BEVESTIGD = 6.0
# ... and only if the runner-up has at least this many points fewer (about 55 times less
# likely), so that a father and son, or twins, who share an initial are not confirmed on
# that initial alone.
MIN_VOORSPRONG_PUNTEN = 4.0
# Closing a signal automatically (deceased, moved out of the municipality) needs more: e.g.
# surname + birth date, or surname + all given names equal.
PUNTEN_AFSLUITEN = 8.0
# Below this the best candidate is no candidate: `niet_gevonden` instead of `twijfel`.
PUNTEN_TWIJFEL = 3.0


def score_uit_punten(punten: float) -> float:
    """Points -> score between 0 and 1 (logistic around `PUNTEN_MIDDEN`)."""
    return 1.0 / (1.0 + math.exp(PUNTEN_MIDDEN - punten))


# The same thresholds as scores, for display and for callers that only see `Vergelijking.score`.
DREMPEL_BEVESTIGD = score_uit_punten(PUNTEN_BEVESTIGD)  # 0.88
DREMPEL_AFSLUITEN = score_uit_punten(PUNTEN_AFSLUITEN)  # 0.98
DREMPEL_TWIJFEL = score_uit_punten(PUNTEN_TWIJFEL)  # 0.27

# Suggested case results; the codes equal `vroegsignaalzaken.constants.Eindresultaat` values.
VOORSTEL_OVERLEDEN = "overleden"
VOORSTEL_GEEN_INWONER = "geen_inwoner"
VOORSTEL_LABELS = {
    VOORSTEL_OVERLEDEN: "Inwoner is overleden",
    VOORSTEL_GEEN_INWONER: "Persoon is geen inwoner (meer) in de gemeente",
}

# --- name tables ---------------------------------------------------------------------------

# Surname particles (folded: lower case, no accents, no apostrophes): Dutch voorvoegsels (BRP
# table 36, the common ones) and particles of other languages that partners place freely.
TUSSENVOEGSELS = frozenset(
    {
        "van", "de", "der", "den", "het", "t", "te", "ten", "ter", "in", "op", "onder", "over",
        "uit", "uijt", "aan", "bij", "tot", "voor", "von", "vom", "zu", "zum", "la", "le", "les",
        "du", "des", "d", "l", "s", "da", "di", "do", "dos", "das", "del", "della", "dello",
        "el", "al", "ben", "bin", "ibn", "ait", "abu", "vd", "v", "vander", "vanden", "vande",
        "vant",
    }
)  # fmt: skip

# Formal given name -> roepnamen (nicknames) commonly used for it. Only this direction counts:
# two roepnamen of the same formal name (`Jan`, `Johan`) are not the same name.
ROEPNAMEN: dict[str, tuple[str, ...]] = {
    "johannes": ("jan", "hans", "johan", "joop", "jo", "hannes", "john", "sjon"),
    "johanna": ("jo", "joke", "hanneke", "hanna", "jannie", "ans", "annie", "jopie", "hannie"),
    "cornelis": ("kees", "cees", "cor", "niels"),
    "cornelia": ("cor", "corrie", "corry", "nel", "nelly", "neeltje", "lia"),
    "hendrik": ("henk", "henri", "hein", "rik", "harrie", "harry"),
    "hendrikus": ("henk", "henri", "hein", "rik", "harrie", "harry", "hendrik"),
    "henricus": ("henk", "hein", "rik", "harrie", "harry", "hendrik"),
    "hendrika": ("riek", "rika", "henny", "hennie", "jet"),
    "petrus": ("piet", "peter", "pieter", "peer"),
    "pieter": ("piet", "peter"),
    "wilhelmus": ("wim", "willem", "pim", "wil"),
    "willem": ("wim", "pim"),
    "wilhelmina": ("mien", "willy", "wil", "wilma", "mina"),
    "jacobus": ("jaap", "koos", "co", "sjaak", "jack", "cobus", "kobus"),
    "jacoba": ("coby", "co", "koosje"),
    "adrianus": ("aad", "arie", "ad", "adri", "janus"),
    "adriana": ("ria", "adrie", "janny"),
    "antonius": ("toon", "ton", "teun", "tonny", "anton", "tony"),
    "theodorus": ("theo", "dirk", "dorus", "ted"),
    "christiaan": ("chris", "christian"),
    "gerardus": ("gerard", "gerrit", "geert", "gert", "gerry"),
    "gijsbertus": ("gijs", "bert"),
    "albertus": ("bert", "ab", "albert"),
    "lambertus": ("bert", "lammert"),
    "hubertus": ("huub", "bert", "hub"),
    "martinus": ("martin", "maarten", "tinus", "tijn"),
    "marinus": ("rinus", "rien", "marien"),
    "franciscus": ("frans", "frank", "francis"),
    "josephus": ("joop", "jos", "jef", "sjef", "joseph", "jozef"),
    "nicolaas": ("klaas", "nico", "niek", "claus"),
    "matthias": ("thijs", "matthijs", "mathijs"),
    "sebastiaan": ("bas",),
    "alexander": ("lex", "alex", "sander", "xander"),
    "bernardus": ("ben", "bernard", "bennie", "nardus"),
    "leonardus": ("leo", "leon", "leen"),
    "maria": ("mieke", "mies", "ria", "riet", "marie", "mia", "marja", "marijke", "maaike"),
    "anna": ("annie", "anneke", "anja", "an", "anne", "ans"),
    "elisabeth": ("els", "elly", "bep", "betty", "lies", "liesbeth", "lisa", "ilse", "elise"),
    "catharina": ("toos", "tiny", "ina", "katja", "trijn", "rina", "kitty", "cato"),
    "margaretha": ("greet", "greetje", "margriet", "grietje", "marga", "gretha", "greta"),
    "geertruida": ("truus", "trudy", "geertje", "gerda"),
    "christina": ("tineke", "stien", "tina", "tiny", "christine"),
    "helena": ("leni", "lenie", "heleen", "lena"),
    "katarzyna": ("kasia", "kaska"),
    "malgorzata": ("gosia", "malgosia"),
    "aleksander": ("olek", "alek"),
    "aleksandra": ("ola",),
    "wojciech": ("wojtek",),
}

# Spellings of the same given name (transliterations): all names in a group are equivalent.
SPELLINGEN: tuple[tuple[str, ...], ...] = (
    ("mohamed", "mohammed", "muhammad", "mohammad", "mohamad", "muhammed", "mehmet", "mehmed"),
    ("ahmed", "ahmet", "achmed", "ahmad", "achmad"),
    ("mustafa", "mustapha", "moestafa", "mostafa"),
    ("youssef", "yusuf", "youssouf", "yousef", "joesoef", "jusuf"),
    ("fatima", "fatma", "fadma", "fatimah"),
    ("aicha", "aisha", "ayse", "aischa"),
    ("hassan", "hasan"),
    ("hussein", "huseyin", "hoessein", "husein"),
    ("khadija", "hatice", "khadidja", "chadidja"),
    ("ibrahim", "ebrahim", "brahim"),
    ("ismail", "ismael", "smail"),
    ("omar", "oemar", "umar", "omer"),
    ("said", "saaid", "sait"),
    ("abdelkader", "abdulkadir", "abdelkadir"),
    ("rachid", "rashid", "rachied"),
    ("karim", "kerim", "kareem"),
    ("zeynep", "zainab", "zaynab", "zeinab"),
    ("emine", "amina", "aminah"),
    ("suleyman", "soulaiman", "sulaiman", "slimane"),
    ("yasin", "yassine", "yassin"),
    ("nordin", "noureddine", "nourdin", "nordine"),
    ("michal", "michael", "michiel", "michel"),
    ("jozef", "josef", "joseph"),
)
