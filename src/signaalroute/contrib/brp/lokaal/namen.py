"""Fictitious names for the local BRP, and the small repairs a register's spelling needs."""

import unicodedata

VOORVOEGSELS = (
    "van der", "van den", "van de", "van 't", "in 't", "in de", "op de", "van", "de", "den",
    "der", "ter", "te", "ten", "'t", "d'", "le", "la", "du", "da", "di", "von", "l'",
)  # fmt: skip

# Given names by initial (man, woman), so that a signal with initials only gets full names.
VOORNAMEN = {
    "A": (("Adrianus", "Ahmed", "Arjen"), ("Anna", "Adriana", "Anouk")),
    "B": (("Bilal", "Bram", "Bernardus"), ("Bianca", "Berber", "Birgit")),
    "C": (("Cornelis", "Christiaan"), ("Cornelia", "Catharina", "Chloë")),
    "D": (("Dawit", "Daan", "Dirk"), ("Daniëlle", "Dewi", "Dorothea")),
    "E": (("Emre", "Erik", "Edwin"), ("Elif", "Elisabeth", "Esther")),
    "F": (("Frank", "Frederik"), ("Fatima", "Femke", "Françoise")),
    "G": (("Gerrit", "Gerardus", "Gijs"), ("Gerda", "Geertruida", "Gül")),
    "H": (("Hendrik", "Hamza", "Hugo"), ("Hendrika", "Hanneke", "Hatice")),
    "I": (("Ilias", "Ivo", "Iwan"), ("Ingrid", "Ilse", "Inès")),
    "J": (("Johannes", "Jan", "Jacobus", "Jürgen"), ("Johanna", "Jacoba", "Jamila")),
    "K": (("Kees", "Koen", "Kerem"), ("Khadija", "Karin", "Klaziena")),
    "L": (("Lars", "Lucas", "Lodewijk"), ("Lisa", "Lotte", "Loïs")),
    "M": (("Mohamed", "Mehmet", "Mustafa", "Maarten"), ("Maria", "Margaretha", "Merve")),
    "N": (("Niels", "Nicolaas", "Noël"), ("Naima", "Nienke", "Nora")),
    "O": (("Omar", "Otto", "Okke"), ("Olga", "Oumaima", "Odette")),
    "P": (("Pieter", "Petrus", "Piotr"), ("Petronella", "Priscilla", "Paula")),
    "Q": (("Quinten", "Quirinus"), ("Quinty",)),
    "R": (("Rishi", "Robert", "Ruud"), ("Rosa", "Renée", "Rianne")),
    "S": (("Stefan", "Sander", "Sven"), ("Samira", "Shanti", "Senait", "Sophie")),
    "T": (("Theodorus", "Tomasz", "Thijs"), ("Tessa", "Tineke", "Tülay")),
    "U": (("Umut", "Ubbo"), ("Ursula", "Ugne")),
    "V": (("Vincent", "Victor"), ("Vera", "Viënna")),
    "W": (("Willem", "Wouter"), ("Wilhelmina", "Willemijn")),
    "X": (("Xander",), ("Xenia",)),
    "Y": (("Yusuf", "Youssef"), ("Yvonne", "Yasmina")),
    "Z": (("Zakaria", "Zeger"), ("Zeynep", "Zoë")),
}
ACHTERNAMEN = (
    ("de", "Vries"), ("", "Jansen"), ("van den", "Berg"), ("", "Bakker"), ("van", "Dijk"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"),
    ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
    ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"), ("", "Dijkstra"),
    ("ter", "Horst"), ("van der", "Linden"), ("", "Yılmaz"), ("", "Öztürk"), ("", "Şahin"),
    ("", "El Amrani"), ("", "Kowalczyk"), ("", "Nguyen"), ("", "Çelik"), ("", "Pinas"),
)  # fmt: skip

# What systems that drop diacritics make of names, and the register's spelling.
ACCENTEN = {
    "ylmaz": "Yılmaz", "yilmaz": "Yılmaz", "ozturk": "Öztürk", "sahin": "Şahin",
    "celik": "Çelik", "wojcik": "Wójcik", "jurgen": "Jürgen", "zoe": "Zoë", "chloe": "Chloë",
    "danielle": "Daniëlle", "noel": "Noël", "lois": "Loïs", "ines": "Inès", "renee": "Renée",
    "rene": "René", "andre": "André", "jose": "José", "francoise": "Françoise", "gul": "Gül",
    "tulay": "Tülay", "muller": "Müller", "ozlem": "Özlem", "gunes": "Güneş",
}  # fmt: skip


def ascii_vorm(tekst: str) -> str:
    """Without diacritics, as many partners' systems store names (`Yılmaz` -> `Ylmaz`)."""
    return unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode()


def vergelijkvorm(tekst: str) -> str:
    return " ".join(ascii_vorm(tekst).lower().replace("-", " ").split())


def aantal_accenten(tekst: str) -> int:
    return sum(1 for teken in tekst if ord(teken) > 127)


def splits_voorvoegsel(voorvoegsel: str, achternaam: str) -> tuple[str, str]:
    """`("", "van der Meer")` -> `("van der", "Meer")`: the register keeps them apart."""
    achternaam = " ".join(achternaam.split())
    if voorvoegsel.strip():
        return voorvoegsel.strip().lower(), achternaam
    for kandidaat in VOORVOEGSELS:
        if achternaam.lower().startswith(kandidaat + " ") and len(achternaam) > len(kandidaat) + 1:
            return kandidaat, achternaam[len(kandidaat) + 1 :]
    return "", achternaam


def register_spelling(naam: str) -> str:
    """Capitals as a name is written (not `JANSEN`) and diacritics restored where known."""
    if naam.isupper() or naam.islower():
        naam = " ".join(deel.capitalize() for deel in naam.split())
    return " ".join(
        ACCENTEN.get(deel.lower(), deel) if aantal_accenten(deel) == 0 else deel
        for deel in naam.split()
    )
