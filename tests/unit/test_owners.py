"""Owner lists ("Wie"): splitting, matching keys and group owners."""

from __future__ import annotations

import pytest

from domain.owners import (
    MAX_NAME_LENGTH,
    first_name_match,
    is_group_owner,
    normalize_name,
    split_organisation,
    split_owners,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The seed's "Wie" column.
        ("Danillo en Marloes", ("Danillo", "Marloes")),
        ("Marloes", ("Marloes",)),
        ("Partners NPSNW", ("Partners NPSNW",)),
        ("OT", ("OT",)),
        ("Marjolein en Niels Raat (Stadgenoot)", ("Marjolein", "Niels Raat (Stadgenoot)")),
        # Every separator.
        ("Jan & Piet", ("Jan", "Piet")),
        ("Jan, Piet", ("Jan", "Piet")),
        ("Jan/Piet", ("Jan", "Piet")),
        ("Jan + Piet", ("Jan", "Piet")),
        ("Jan; Piet", ("Jan", "Piet")),
        ("Jan and Piet", ("Jan", "Piet")),
        ("Jan En Piet", ("Jan", "Piet")),
        ("Jan, Piet en Klaas", ("Jan", "Piet", "Klaas")),
        (
            "Anne, Evert & Tanay / Karin + Nabila; Louise and Henk-Jan",
            (
                "Anne",
                "Evert",
                "Tanay",
                "Karin",
                "Nabila",
                "Louise",
                "Henk-Jan",
            ),
        ),
        # "en" inside a name is no separator.
        ("Karen en Bente", ("Karen", "Bente")),
        ("Henk-Jan", ("Henk-Jan",)),
        ("Marloes van der Meulen-Ramp", ("Marloes van der Meulen-Ramp",)),
        # Separators inside an organisation stay.
        ("Niels (Stadgenoot/Ymere) en Jan", ("Niels (Stadgenoot/Ymere)", "Jan")),
        ("Niels (Stadgenoot en Ymere)", ("Niels (Stadgenoot en Ymere)",)),
        # Spaces trimmed and collapsed, empties dropped.
        ("  Jan  ,  Piet  ", ("Jan", "Piet")),
        ("Jan   van  Dijk", ("Jan van Dijk",)),
        ("Jan,, ,Piet,", ("Jan", "Piet")),
        ("", ()),
        ("   ", ()),
        (" , ; / ", ()),
        ("-", ()),
        # De-duplicated, keeping the first spelling.
        ("jan en Jan en JAN", ("jan",)),
        ("Marloes en Marlöes", ("Marloes",)),
        ("Niels en Niels (Stadgenoot)", ("Niels",)),
        # Unicode kept as written.
        ("Zoë en 李雷", ("Zoë", "李雷")),
    ],
)
def test_split_owners(text: str, expected: tuple[str, ...]) -> None:
    assert split_owners(text) == expected


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Marloes", "marloes"),
        ("  Marloes ", "marloes"),
        ("marloes", "marloes"),
        ("Marlöes", "marloes"),
        ("MARLOES", "marloes"),
        ("Niels Raat (Stadgenoot)", "niels raat"),
        ("Niels Raat(Stadgenoot) ", "niels raat"),
        ("(Stadgenoot)", "stadgenoot"),
        ("Jan   van\tDijk", "jan van dijk"),
        ("Zoë", "zoe"),
        ("Çağla", "cagla"),
        ("Straße", "strasse"),
        ("@jan!", "jan"),
        ('"Jan".', "jan"),
        ("Jan\u200b", "jan"),
        ("Henk-Jan", "henk-jan"),
        ("!Woon", "woon"),
        ("", ""),
        ("...", ""),
    ],
)
def test_normalize_name(name: str, key: str) -> None:
    assert normalize_name(name) == key


@pytest.mark.parametrize(
    "name",
    [
        "OT",
        "ot",
        "het OT",
        "OT-leden",
        "Partners NPSNW",
        "partners npsnw",
        "Partners",
        "alle partners",
        "iedereen",
        "Iedereen",
        "allen",
        "allemaal",
        " OT. ",
    ],
)
def test_is_group_owner(name: str) -> None:
    assert is_group_owner(name) is True


@pytest.mark.parametrize(
    "name", ["Marloes", "Jan", "Otto", "OT Wonen", "partner", "Niels Raat (Stadgenoot)", ""]
)
def test_is_not_group_owner(name: str) -> None:
    assert is_group_owner(name) is False


def test_max_name_length() -> None:
    assert MAX_NAME_LENGTH == 64


def test_a_configured_username_names_only_the_account_it_was_pinned_to() -> None:
    from domain.model import TeamSetup, UserRef

    setup = TeamSetup(
        name="OT",
        secretary_ids=frozenset({7}),
        secretary_usernames=frozenset({"marloes", "anne"}),
    )
    assert setup.secretary_accounts({}) == {7}
    assert setup.secretary_accounts({"marloes": 900, "someone_else": 5}) == {7, 900}
    holder = UserRef(901, username="Anne")
    assert setup.unpinned_username(holder, {"marloes": 900}) == "anne"
    assert setup.unpinned_username(holder, {"anne": 950}) is None
    assert setup.unpinned_username(UserRef(3, username="jan"), {}) is None


# Issue 11: owners joined in other ways, and organisations in brackets.
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Tanay i.o.m. Danillo", ("Tanay", "Danillo")),
        ("Tanay I.O.M. Danillo", ("Tanay", "Danillo")),
        ("Tanay iom Danillo", ("Tanay", "Danillo")),
        ("Tanay in overleg met Danillo", ("Tanay", "Danillo")),
        ("Jan i.s.m. Karin", ("Jan", "Karin")),
        ("Jan in samenwerking met Karin en Louise", ("Jan", "Karin", "Louise")),
        ("Karin/Nabila", ("Karin", "Nabila")),
        ("Karin / Nabila", ("Karin", "Nabila")),
        ("Henk-Jan + Louise", ("Henk-Jan", "Louise")),
        ("Henk-Jan+Louise", ("Henk-Jan", "Louise")),
        ("Danillo samen met Marloes", ("Danillo", "Marloes")),
        ("Jan met Piet", ("Jan", "Piet")),
        ("Jan en/of Piet", ("Jan", "Piet")),
        ("Jan m.m.v. Karin", ("Jan", "Karin")),
        ("A, B & C", ("A", "B", "C")),
        ("Marloes e.a.", ("Marloes",)),
        ("Jan c.s.", ("Jan",)),
        ("Moustapha (SAAAM)", ("Moustapha (SAAAM)",)),
        ("Danillo (SDC) en Marloes (NPSNW)", ("Danillo (SDC)", "Marloes (NPSNW)")),
        ("Niels Raat (Stadgenoot/Ymere) i.o.m. Karin", ("Niels Raat (Stadgenoot/Ymere)", "Karin")),
        # Names that contain a separator's letters stay whole.
        ("Metin en Mette", ("Metin", "Mette")),
        ("Enzo en Andrea", ("Enzo", "Andrea")),
        ("Ismail i.s.m. Plusje", ("Ismail", "Plusje")),
    ],
)
def test_owners_joined_in_other_ways(text: str, names: tuple[str, ...]) -> None:
    assert split_owners(text) == names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Moustapha (SAAAM)", ("Moustapha", "SAAAM")),
        ("Niels Raat (Stadgenoot)", ("Niels Raat", "Stadgenoot")),
        ("Jan van de Borden  (Vuilnisoproer)", ("Jan van de Borden", "Vuilnisoproer")),
        ("Evert (!Woon)", ("Evert", "!Woon")),
        ("Louise (trekker)", ("Louise", "")),
        ("Louise (Trekker)", ("Louise", "")),
        ("Marloes", ("Marloes", "")),
        ("(Stadgenoot)", ("(Stadgenoot)", "")),
        ("Karin ()", ("Karin", "")),
    ],
)
def test_organisation_in_brackets_belongs_to_the_person(
    name: str, expected: tuple[str, str]
) -> None:
    assert split_organisation(name) == expected
    # The matching key is the person's, so "Moustapha" and "Moustapha (SAAAM)" are one.
    assert normalize_name(name) == normalize_name(expected[0] or name)


# Found by a tester writing as secretaries would.
@pytest.mark.parametrize(
    ("text", "names", "organisations"),
    [
        ("Tanay (i.o.m. Danillo)", ("Tanay", "Danillo"), ("", "")),
        ("Karin (met Nabila)", ("Karin", "Nabila"), ("", "")),
        ("Jan of Piet", ("Jan", "Piet"), ("", "")),
        ("Nabila i.p.v. Karin", ("Nabila",), ("",)),
        ("Karin met hulp van Nabila", ("Karin", "Nabila"), ("", "")),
        ("Karin, evt. Nabila", ("Karin", "Nabila"), ("", "")),
        ("Marloes - NPSNW", ("Marloes",), ("NPSNW",)),
        ("Marloes namens NPSNW", ("Marloes",), ("NPSNW",)),
        ("Karin (gemeente) – trekker", ("Karin",), ("gemeente",)),
        ("Karin, trekker", ("Karin",), ("",)),
        ("Karin (Gemeente) (trekker)", ("Karin",), ("Gemeente",)),
        ("Karin (trekker) (Gemeente)", ("Karin",), ("Gemeente",)),
        ("Marloes cs", ("Marloes",), ("",)),
        ("Karin e.a. (gemeente)", ("Karin",), ("gemeente",)),
        ("Karin & co", ("Karin",), ("",)),
        ("Marloes + team", ("Marloes",), ("",)),
        ("n.n.b.", (), ()),
        ("nog onbekend", (), ()),
        ("Karin\nNabila", ("Karin", "Nabila"), ("", "")),
        ("Danillo | Marloes", ("Danillo", "Marloes"), ("", "")),
        ("Moustapha (SAAAM", ("Moustapha",), ("SAAAM",)),
        ("Marloes en Danillo (beiden NPSNW)", ("Marloes", "Danillo"), ("NPSNW", "NPSNW")),
    ],
)
def test_probed_owner_lists(
    text: str, names: tuple[str, ...], organisations: tuple[str, ...]
) -> None:
    split = [split_organisation(name) for name in split_owners(text)]
    assert tuple(n for n, _ in split) == names
    assert tuple(o for _, o in split) == organisations


def test_all_partners_is_a_group() -> None:
    assert is_group_owner("alle partners NPSNW")
    assert is_group_owner("Alle leden")


@pytest.mark.parametrize(
    ("name", "first", "expected"),
    [
        # The same name, whatever the case, accents or spacing: the best match.
        ("Jan", "Jan", 0),
        ("jan", "JAN", 0),
        ("Ján", "Jan", 0),
        ("Jan", "Ján", 0),
        ("  Jan ", "Jan", 0),
        ("Moustapha (SAAAM)", "Moustapha", 0),  # the organisation is no part of the name
        ("Jan-Willem", "Jan-Willem", 0),
        # A full name that begins with the first name.
        ("Jan van de Borden", "Jan", 1),
        ("jan van de borden", "Ján", 1),
        ("Jan Willem Smit", "Jan Willem", 1),
        ("Niels Raat (Stadgenoot)", "Niels", 1),
        # Someone else.
        ("Jan-Willem", "Jan", None),
        ("Janneke", "Jan", None),
        ("Marloes", "Jan", None),
        ("van de Borden", "Jan", None),
        ("Jan", "Jan Willem", None),
        ("Jan", "", None),
        ("", "Jan", None),
    ],
)
def test_first_name_match(name: str, first: str, expected: int | None) -> None:
    assert first_name_match(name, first) == expected
