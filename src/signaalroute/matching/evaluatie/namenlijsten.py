"""Names for the evaluation set: common Dutch, German, Turkish, Moroccan, Surinamese and Polish
surnames and given names, as the BRP writes them (with accents and voorvoegsels)."""

from __future__ import annotations

from collections.abc import Sequence

# (voorvoegsel, geslachtsnaam)
_NL_ACHTERNAMEN = (
    ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"), ("", "Bakker"), ("", "Jansen"),
    ("", "Janssen"), ("de", "Jong"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"), ("", "Peters"),
    ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("de", "Bruin"), ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"),
    ("", "Willems"), ("van", "Vliet"), ("van de", "Ven"), ("", "Hoekstra"), ("", "Maas"),
    ("", "Verhoeven"), ("", "Koster"), ("van", "Dam"), ("van der", "Wal"), ("", "Prins"),
    ("", "Blom"), ("", "Huisman"), ("", "Peeters"), ("de", "Lange"), ("", "Kuipers"),
    ("van", "Wijk"), ("", "Post"), ("", "Kuiper"), ("", "Veenstra"), ("", "Kramer"),
    ("van den", "Brink"), ("", "Scholten"), ("", "'t Hart"), ("van 't", "Hof"),
    ("", "Timmermans"), ("", "Groen"), ("", "Gerritsen"), ("", "Bosman"), ("van", "Loon"),
    ("", "Evers"), ("ter", "Horst"), ("ten", "Cate"), ("", "Wijnands"), ("", "Claassen"),
    ("in 't", "Veld"), ("", "Sewgobind"), ("van", "Es"), ("", "Ruiter"), ("de", "Ruiter"),
    ("", "Zijlstra"), ("", "Bijl"), ("van", "Rijn"), ("", "Rijnders"),
)  # fmt: skip
_NL_MANNEN = (
    "Johannes", "Hendrik", "Cornelis", "Jan", "Pieter", "Willem", "Gerrit", "Theodorus",
    "Christiaan", "Jacobus", "Adrianus", "Petrus", "Dirk", "Martinus", "Antonius", "Lucas",
    "Daan", "Sem", "Thijs", "Bram", "Ruben", "Tim", "Kevin", "Mark", "IJsbrand", "Sjoerd",
    "Bas", "Joost", "Johan", "Jeroen", "Henk", "Kees", "Wouter", "Erik", "Niels", "Stefan",
    "Gerardus", "Nicolaas", "Marinus", "Hubertus", "Franciscus", "Josephus", "Maarten",
    "Sander", "Rick", "Jesse", "Luuk", "Milan", "Thomas", "Koen",
)  # fmt: skip
_NL_VROUWEN = (
    "Maria", "Johanna", "Anna", "Cornelia", "Elisabeth", "Wilhelmina", "Hendrika",
    "Geertruida", "Catharina", "Margaretha", "Sanne", "Lisa", "Emma", "Eva", "Femke", "Anouk",
    "Marieke", "Saskia", "Ingrid", "Petra", "Linda", "Chantal", "Esmée", "Zoë", "Inge",
    "Monique", "Sandra", "Ilse", "Anne", "Fleur", "Julia", "Lotte", "Naomi", "Noëlle",
    "Christina", "Helena", "Jacoba", "Adriana", "Mirjam", "Yvonne",
)  # fmt: skip
_DE_ACHTERNAMEN = (
    ("", "Müller"), ("", "Schröder"), ("", "Weiß"), ("", "Schäfer"), ("", "Köhler"),
    ("von", "Bülow"), ("", "Krüger"), ("", "Hoffmann"),
)  # fmt: skip
_DE_MANNEN = ("Jürgen", "Günther", "Klaus", "Stefan", "Andreas", "Jörg", "Uwe", "Michael")
_DE_VROUWEN = ("Gisela", "Käthe", "Ursula", "Brigitte", "Sabine", "Jutta", "Anke", "Birgit")
_TR_ACHTERNAMEN = (
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
    "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan",
    "Şimşek", "Akgül", "Güneş", "Erdoğan", "Polat",
)  # fmt: skip
_TR_MANNEN = (
    "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Murat", "Emre",
    "Burak", "Ömer", "Yusuf", "Osman", "Kemal", "Serkan", "Fatih",
)  # fmt: skip
_TR_VROUWEN = (
    "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Özlem", "Gül", "Büşra", "Merve",
    "Hülya", "Sevgi", "Derya", "Esra",
)  # fmt: skip
_MA_ACHTERNAMEN = (
    "El Amrani", "El Idrissi", "Bouzid", "Benali", "Ben Ali", "El Khattabi", "Ait Haddou",
    "Azzouzi", "El Ouali", "Bakkali", "Boukhari", "Chaouki", "Ouhadi", "Ouali",
    "El Hamdaoui", "Amrani", "Tahiri", "Ziani", "Mansouri", "Haddouchi", "Abdellaoui",
    "Belhaj", "Chakir", "Ezzahraoui",
)  # fmt: skip
_MA_MANNEN = (
    "Mohamed", "Youssef", "Ahmed", "Said", "Karim", "Rachid", "Mustafa", "Hamid",
    "Abdelkader", "Nordin", "Bilal", "Hicham", "Khalid", "Mourad", "Soufiane", "Redouan",
)  # fmt: skip
_MA_VROUWEN = (
    "Fatima", "Khadija", "Naima", "Samira", "Nadia", "Malika", "Hanane", "Loubna", "Amal",
    "Soumaya", "Aicha", "Rachida", "Latifa", "Zineb",
)  # fmt: skip
_SR_ACHTERNAMEN = (
    "Ramdin", "Sewdien", "Jagesar", "Mohan", "Ramautar", "Baldew", "Soekhlal", "Ramsaran",
    "Kanhai", "Doelwijt", "Pinas", "Fraenk", "Karijo", "Sontowidjojo", "Kartodikromo",
    "Wongsodikromo", "Chin A Foeng", "Tjon A Ten", "Lie A Ling", "Sitaldin", "Bhoelai",
    "Ramkhelawan", "Mangroe", "Doerga",
)  # fmt: skip
_SR_MANNEN = (
    "Rajesh", "Soeniel", "Anand", "Ravi", "Ricardo", "Romano", "Glenn", "Errol", "Purcy",
    "Radjesh", "Dinesh", "Kishan", "Marlon", "Roy", "Stanley", "Orlando",
)  # fmt: skip
_SR_VROUWEN = (
    "Sunita", "Shanti", "Priya", "Chandra", "Angela", "Sharon", "Gracia", "Astrid",
    "Soenita", "Kavita", "Reshma", "Natasha", "Jennifer", "Melissa",
)  # fmt: skip
_PL_ACHTERNAMEN_M = (
    "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
    "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk",
)  # fmt: skip
_PL_MANNEN = (
    "Łukasz", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub",
    "Wojciech", "Grzegorz", "Mateusz", "Aleksander",
)  # fmt: skip
_PL_VROUWEN = (
    "Katarzyna", "Małgorzata", "Agnieszka", "Anna", "Magdalena", "Joanna", "Ewa", "Monika",
    "Aleksandra", "Justyna", "Marta", "Dorota",
)  # fmt: skip

HERKOMST = (("nl", 52), ("tr", 11), ("ma", 11), ("sr", 11), ("pl", 9), ("de", 6))
_RIJ_TOETSEN = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def achternamen_van(herkomst: str) -> Sequence[tuple[str, str]]:
    return {
        "nl": _NL_ACHTERNAMEN,
        "de": _DE_ACHTERNAMEN,
        "tr": tuple(("", n) for n in _TR_ACHTERNAMEN),
        "ma": tuple(("", n) for n in _MA_ACHTERNAMEN),
        "sr": tuple(("", n) for n in _SR_ACHTERNAMEN),
        "pl": tuple(("", n) for n in _PL_ACHTERNAMEN_M),
    }[herkomst]


def voornamen_van(herkomst: str, man: bool) -> Sequence[str]:
    return {
        ("nl", True): _NL_MANNEN, ("nl", False): _NL_VROUWEN,
        ("de", True): _DE_MANNEN, ("de", False): _DE_VROUWEN,
        ("tr", True): _TR_MANNEN, ("tr", False): _TR_VROUWEN,
        ("ma", True): _MA_MANNEN, ("ma", False): _MA_VROUWEN,
        ("sr", True): _SR_MANNEN, ("sr", False): _SR_VROUWEN,
        ("pl", True): _PL_MANNEN, ("pl", False): _PL_VROUWEN,
    }[(herkomst, man)]  # fmt: skip


def vrouwelijk(herkomst: str, naam: str) -> str:
    """Polish surnames in -ski/-cki take -ska/-cka for women."""
    if herkomst == "pl" and naam.endswith(("ski", "cki")):
        return naam[:-1] + "a"
    return naam
