"""A Word actielijst modelled on the seed (actielijst OT 18 maart), built with python-docx.

Tests build the document instead of committing a binary fixture. `SEED` is what the document
says; `build_seed_docx` writes it the way the real document is written, messy parts included:
stray trailing spaces, an Onderwerp broken over lines by a soft line break and another by
paragraphs, typed "·" bullets (or, with `word_lists`, Word's own list bullets and numbers),
empty Toelichting and Wanneer cells, text split over runs, ten empty rows, the header block as
"Label value" lines with mixed separators, and the appendix "Toelichting op besluiten".
"""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow

ATTENDEES: tuple[tuple[str, str], ...] = (
    ("Jan van de Borden", "Vuilnisoproer"),
    ("Marjolein Cazemier", "Ymere"),
    ("Karin Verdooren", "Lieven de Key"),
    ("Nabila Bouabbouz", "gemeente"),
    ("Moustapha Baba", "SAAAM"),
    ("Louise de Rooij", "Stadgenoot"),
    ("Tanay Bilgin", "SDC"),
    ("Danillo Janssen", "SDC"),
    ("Evert Bartlema", "!Woon"),
    ("Henk-Jan Bierling", "BZK"),
    ("Marloes van der Meulen-Ramp", "NPSNW"),
)

SEED_HEADER = DocHeader(
    title="Actielijst en verslaglegging OT overleg",
    programme="Overleg Nationaal Programma Samen Nieuw-west",
    domain="Wonen en Leefomgeving",
    chair="Anne Wilbers",
    attendees=ATTENDEES,
    date_text="18 maart",
    place="Plein 40-45",
)

SEED_ROWS: tuple[DocRow, ...] = (
    DocRow(
        topic="Gezonde leefomgeving en bewegen",
        text=(
            "Kijken wat er vanuit Wonen en Leefomgeving mbt obesitas in Nieuw-West kan worden "
            "gedaan."
        ),
        note=(
            "Danillo vertelt dat er een voorstel in de stadsdeelcommissie is gedaan n.a.v. "
            "obesitas onderzoek en vraagt of we hier vanuit het OT Wonen en Leefomgeving iets in "
            "kunnen betekenen. Wellicht vanuit stimuleren van bewegen. Henk-Jan merkt op dat de "
            "toegekende SPUK inzake gezonde leefomgeving hier goed voor gebruikt kan worden. Dit "
            "geld is toegekend om een programma op te zetten. Marloes zoekt uit hoe of er al "
            "plannen gemaakt zijn en pakt dit verder samen met Danillo op"
        ),
        owners="Danillo en Marloes",
        when="April",
    ),
    DocRow(
        topic="Organisatiestructuur",
        text="Delen organisatiestructuur",
        note=(
            "Marloes vertelt dat het programmabureau werkt aan een optimalisatie van de "
            "organisatiestructuur van het NPSNW, inclusief de rol van het opgaveteam. Als dit "
            "bekend is wordt het gedeeld met het OT."
        ),
        owners="Marloes",
        when="ASAP",
    ),
    DocRow(
        topic="Voedselpark Lutkemeer",
        text="Voedselpark Lutkemeer agenderen voor volgend OT.",
        note=(
            "Jan wil naar aanleiding van een Ommetje met Iris Poels het Voedselpark "
            "Lutkemeerpolder voor volgende keer agenderen. De doelstellingen van het convenant en "
            "hieruit volgend uitvoeringsprogramma sluiten heel erg aan bij de doelstellingen van "
            "het Voedselpark Lutkemeer."
        ),
        owners="Marloes",
        when="OT 24 april",
    ),
    DocRow(
        topic=(
            "Zorgen dat er aandacht is voor bijzondere groepen zoals mensen met autisme. "
            "Bijvoorbeeld als het gaat om huisvesting."
        ),
        text=(
            "Marloes gaat na hoe dit vanuit het Eigenaarschap, Inclusie en Democratisering wordt "
            "opgepakt."
        ),
        note=(
            "Jan vraagt of we aandacht hebben voor bijzondere groepen zoals mensen met autisme. "
            "Bijvoorbeeld als het gaat om huisvesting. Besproken wordt dat kwetsbare groepen "
            "vanuit het programma kwetsbare doelgroepen onder de aandacht zijn. De vraag is of "
            "dit ook op andere terreinen het geval is. Marloes gaat na hoe dit vanuit het "
            "Eigenaarschap, Inclusie en Democratisering wordt opgepakt."
        ),
        owners="Marloes",
        when="ASAP",
    ),
    DocRow(
        topic="Kennis en inspiratie",
        text=(
            "Suggesties voor partijen of projecten voor komende vergaderingen aandragen bij "
            "Marloes"
        ),
        note=(
            "Er gebeurt veel in Nieuw-West waar we allemaal geen wet van hebben. We willen in het "
            "OT de blinde vlekken wegnemen. Daarom willen we elk OT een podium bieden aan "
            "partijen of projecten die een bijdrage (kunnen) leveren aan ons domein."
        ),
        owners="Partners NPSNW",
        when="Continu proces",
    ),
    DocRow(
        topic="Krachten bundelen: aantrekkelijk, schoon,\nheel en veilig",
        text="Doorsturen data met rondleidingen expofette",
        note=(
            "Aan het eind van de vergadering neemt Peter van der Vliet als programmamanager Nieuw "
            "Samenspel ons mee door de Expofette van Schoon, Heel en Veilig. Jan stuurt iedereen "
            "de data met rondleidingen door zodat ook andere mensen van de partners een "
            "rondleiding kunnen krijgen en meer kunnen weten wat er vanuit Schoon, Heel en Veilig "
            "allemaal tot nu toe is gedaan"
        ),
        owners="Jan",
        when="ASAP",
    ),
    DocRow(
        topic="Gerichte aanpak vocht en schimmel",
        text=(
            "i.o.m. het domein Werk en Bestaanszekerheid kijkt of versneld opleiden van bewoners "
            "in Nieuw-West door de co-makers een oplossing is. Dit gebeurt bijvoorbeeld al door "
            "Hemubo in de Van Deysselbuurt."
        ),
        note="",
        owners="Marloes",
        when="ASAP",
    ),
    DocRow(
        topic="Gerichte aanpak vocht en schimmel",
        text=(
            "Met de betrokken bewoners het gesprek aangaan om toe te lichten wat er speelt, en te "
            "kijken of er andere mogelijkheden zijn"
        ),
        note=(
            "De corporaties hebben een memo gestuurd waarin zijn aangeven dat de voorgestelde "
            "aanpak in de actielijn Vocht en Schimmel wordt gepauzeerd en mogelijk anders wordt "
            "ingericht. De Stedelijke aanpak is van start gegaan. Hieruit blijkt dat het aantal "
            "meldingen aanzienlijk is toegenomen. Dit vraagt om meer financiële middelen en extra "
            "mankracht bij de corporaties en de co-makers, maar ook een goede analyse van de "
            "meldingen en het zorgvuldige afhandeling. In het OT wordt het ongemak en de "
            "teleurstelling besproken dat ondanks eerdere signalen er toch niet kan worden "
            "gestart met het voorgestelde plan om complexgericht en met ervaringsdeskundigen aan "
            "de slag te gaan. Anne heeft benadrukt dat het vervelend is dat, ondanks dat de "
            "actielijn meerdere keren op de agenda heeft gestaan van het OT om te bespreken er "
            "nog geen definitief besluit was genomen. Concluderend zit het ongemak op het feit "
            "dat;\n"
            "· er juist energie van bewoners op deze actielijn zit,\n"
            "· het gevoel dat niemand de verantwoordelijkheid lijkt te nemen voor het trekken van "
            "de actielijn,\n"
            "· de zoektocht hoe het eerlijke verhaal naar bewoners kan worden verteld,\n"
            "· maar ook op het feit dat het tekort aan personeel bij de corporaties en co-makers "
            "niet over een half jaar is opgelost als je er geen actie opneemt."
        ),
        owners="Louise",
        when="ASAP",
    ),
    DocRow(
        topic=(
            "Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes voor "
            "een vitale buurt"
        ),
        text="OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd",
        note="Zie bijlage voor actielijn",
        owners="OT",
        when="",
        is_decision=True,
    ),
    DocRow(
        topic="Evaluatie",
        text="Evalueren wat we tegenkomen bij besluiten en de aanloop daar naartoe)",
        note=(
            "Doorstroming (update door Louise, trekker werkgroep doorstroming). Is gestart. "
            "Corporaties maken ruimte voor extra doorstroommakelaars. Stadgenoot heeft een "
            "vacature voor een doorstroommakelaar. De bewonerscoaches zijn gestart en inmiddels "
            "drie weken bezig. De Alliantie sluit aan vanuit de Aker. Besproken is dat het "
            "aanstellen van de bewonerscoaches niet zonder slag of stoot is gegaan. Om dit voor "
            "de volgende keer te voorkomen moeten we evalueren wat er in dit geval maar ook "
            "andere gevallen mis is gegaan en hoe we dat kunnen voorkomen."
        ),
        owners="OT",
        when="Ot 28 mei",
    ),
    DocRow(
        topic="Iedereen die wil terugkeren\nnaar een passende\nwoning in de buurt kan\nterugkeren",
        text="Marjolein en Niels Raat (Stadgenoot) betrekken bij opdracht Guido Wallagh",
        note=(
            "Nabila licht toe dat Guido Wallagh is gevraagd om een offerte te maken voor de extra "
            "procesbegeleiding zoals omschreven bij actielijn 3 inzake herhuisvesting. Gevraagd "
            "wordt welke corporaties betrokken willen worden bij de concrete offerte. Marjolein "
            "en Niels Raat willen graag betrokken worden"
        ),
        owners="Nabila",
        when="ASAP",
    ),
    DocRow(
        topic="Aansluiten bij wat er al loopt in Nieuw-West",
        text=(
            "Rob Andeweg voorzitter OT Werkend leren uitnodigen om te presenteren wat er al loopt "
            "en waar op kan worden aangesloten"
        ),
        note=(
            "In het AB heeft Rob Andeweg als voorzitter Werkend Leren een presentatie gegeven. "
            "Hierin is gsproken over kansen voor verbinding, bijvoorbeeld door van bestaand "
            "onderzoek gebruik te maken, of nieuw onderzoek laten doen, of stagiaires op plekken/ "
            "projecten inzetten, of ruimtes van de HVA gebruiken – bespreken. De leerlijn is van "
            "allerlei onderwijsinstellingen. Gedachten is dat er allerlei onderzoekslijnen "
            "onderdeel worden van de leerlijn. Carin verwacht dat als er een initiatief is uit de "
            "wijk een stuk hiervan onderdeel kan worden van de leerlijn. Nog niet duidelijk "
            "hoeveel budget er komt maar vanuit de instellingen wordt budget beschikbaar gesteld. "
            "Soms kan een instelling landelijk geld aan kan vragen bij het Rijk."
        ),
        owners="Marloes",
        when="OT 24 april",
    ),
    DocRow(
        topic="Financiën",
        text="Nagaan hoe de financiële governance in de praktijk er uit ziet en delen met OT",
        note=(
            "In het AB van 29 februari is door Sjoukje Alta aan de hand van de presentatie: "
            "financiële governance besteding coalitiemiddelen, het AB meegenomen hoe voor de "
            "coalitiemiddelen de concrete financiële governance is geregeld. De presentatie is "
            "ter kennisname gedeeld met het OT. Besproken is de vraag hoe we dit praktisch maken."
        ),
        owners="Marloes",
        when="ASAP",
    ),
    DocRow(
        topic="Communicatie",
        text="Actief blijven communiceren naar partners waar men mee bezig is",
        note=(
            "Partners geven aan als er iets door zijn/haar organisatie wordt opgezet/ingezet wat "
            "bijdraagt aan de actielijnen/gewenste opbrengsten."
        ),
        owners="Partners NPSNW",
        when="Continu proces",
    ),
    DocRow(
        topic="Blije doos",
        text="Jan werkt voorstel uit",
        note=(
            "In navolging van de dozen van Prenatal etc bij de geboorte stelt Jan een blije doos "
            "voor nieuwe bewoners voor zodat bewoners weten wat er allemaal is in de buurt is. "
            "Jan werkt het voorstel verder uit samen met gebiedsmakelaar Confuciusbuurt."
        ),
        owners="Jan",
        when="ASAP",
    ),
)

CALLAND = DocDecision(
    subject=(
        "Akkoord inzake actielijn haalbaarheidsstudie Calland lyceum tbv actielijn "
        "Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes voor "
        "een vitale buurt"
    ),
    criteria=(
        "Draagt bij aan de in het uitvoeringsprogramma opgenomen (middel)lange termijn "
        "opbrengsten",
        "Borgt het eigenaarschap van bewoners. Door bewoners vanaf het begin te betrekken bij de "
        "haalbaarheidsstudie en mogelijk initiatieven die kunnen gaan plaatsvinden.",
        "Vraagt samenwerking tussen partners van het NPSNW.",
        "Zet in op meer dan wat er al regulier gebeurt. Dit verwijst naar het streven naar meer "
        "van bepaalde aspecten die voor bewoners en waardevol zijn. Het kan bijvoorbeeld gaan om "
        "meer bewonersbetrokkenheid, meer voorzieningen in de buurt die aansluiten op de "
        "behoeften van bewoners.",
        "Heeft werkend leren geïncorporeerd en streeft hiermee naar transformatie van het systeem",
        "Is niet enkel een pilot, maar kan bij succes structureel geborgd worden in de "
        "organisatie van een of meerdere van de partners van het NPSNW.",
        "Wordt integraal vanuit meerdere domeinen aangevlogen, namelijk Kansen voor de Jeugd, "
        "Werk en bestaanszekerheid, CWB en EID.",
    ),
    interests="Het Callandlyceum heeft geen deelgenomen aan het besluit.",
)

SEED = Actielijst(header=SEED_HEADER, rows=SEED_ROWS, decisions=(CALLAND,))

# The header cells as the seed writes them, stray spaces included.
SEED_ACTION_HEADERS = (
    "Onderwerp",
    "Afspraak/actie/besluit? Let op indien besluit bijlage invullen ",
    "Toelichting / update",
    "Wie ",
    "Wanneer",
)
SEED_APPENDIX_HEADERS = (
    "Onderwerp van het besluit",
    "Toelichting welke criteria er gebruikt zijn en hoe er op basis van die criteria dit "
    "besluit is genomen  ",
    "Bevestiging en uitleg dat er geen lid heeft deelgenomen aan het besluit waarmee "
    "persoonlijk belang direct wordt geraakt of organisatorisch belang wordt bevoordeeld ",
)
EMPTY_ROWS = 10
# (row, column) of the seed's cells that end in a stray space.
_TRAILING_SPACE = {(3, 0), (3, 1), (4, 0), (5, 1), (6, 1), (7, 1), (8, 0), (12, 0), (14, 2)}
# The Onderwerp of the "Krachten bundelen" row is broken by Shift+Enter, the others by Enter.
_SOFT_BREAK_ROW = 5
# The Toelichting with the bullet list ends in an empty paragraph.
_BULLET_CELL = (7, 2)


def docx_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _runs(paragraph: Any, text: str) -> None:
    """Text over several runs, split after each sentence, as Word saves edited text."""
    for i, part in enumerate(re.split(r"(?<=\. )", text)):
        if part:
            paragraph.add_run(part).bold = (i == 1 and len(part) < 20) or None


def _fill(cell: Any, text: str, *, soft_breaks: bool = False, word_lists: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if soft_breaks:
        for i, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            if i < text.count("\n"):
                run.add_break()
        return
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph = cell.add_paragraph()
        if line.startswith("· ") and word_lists:
            paragraph.style = "List Bullet"
            line = line[2:]
        _runs(paragraph, line)


def _label_line(document: Any, label: str, separator: str, value: str) -> Any:
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(separator + value)
    return paragraph


def _bookmark(paragraph: Any) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "0")
    start.set(qn("w:name"), "_heading=h.owp1hayjpks9")
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), "0")
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def build_seed_docx(*, word_lists: bool = False) -> bytes:
    """The seed as a .docx. With `word_lists`, the bullets in cells are Word list paragraphs
    ("List Bullet") and the criteria a numbered list ("List Number"), as Word itself would
    store them; without, they are typed "·" characters, as the seed's text shows them."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.header.paragraphs[0].text = "Samen Nieuw-West"  # the logo's place in the seed

    title = document.add_paragraph()
    title.add_run(SEED_HEADER.title).bold = True
    _bookmark(title)
    document.add_paragraph()
    document.add_paragraph(SEED_HEADER.programme)
    document.add_paragraph("Let op: in bijlage toelichting op besluiten ")
    document.add_paragraph()
    _label_line(document, "Domein", "\t", SEED_HEADER.domain)
    _label_line(document, "Voorzitter", " ", SEED_HEADER.chair)
    people = [f"{name} ({org})" for name, org in ATTENDEES]
    attendees = _label_line(document, "Aanwezigen", " ", ", ".join(people[:7]) + ",")
    attendees.runs[-1].add_break()  # the list wraps by Shift+Enter
    attendees.add_run(" " + ", ".join(people[7:]))
    document.add_paragraph("Belangen van de organisatie van de aanwezigen")
    _label_line(document, "Datum", ": ", SEED_HEADER.date_text)
    _label_line(document, "Locatie", " ", SEED_HEADER.place + " ")
    document.add_paragraph()

    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, SEED_ACTION_HEADERS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for r, row in enumerate(SEED_ROWS):
        values = (row.topic, row.text, row.note, row.owners, row.when)
        cells = table.add_row().cells
        for c, (cell, text) in enumerate(zip(cells, values, strict=True)):
            if (r, c) == _BULLET_CELL:
                text = text.replace("\n", " \n") + " \n"
            elif (r, c) in _TRAILING_SPACE:
                text += " "
            _fill(cell, text, soft_breaks=(r, c) == (_SOFT_BREAK_ROW, 0), word_lists=word_lists)
    for r in range(EMPTY_ROWS):
        cells = table.add_row().cells
        if r == 0:
            cells[2].paragraphs[0].add_run(" ")
        if r == 1:
            cells[1].add_paragraph()

    for _ in range(12):
        document.add_paragraph()
    document.add_paragraph("Bijlage ")
    document.add_paragraph("Toelichting op besluiten ")
    document.add_paragraph()
    appendix = document.add_table(rows=2, cols=3)
    appendix.style = "Table Grid"
    for cell, text in zip(appendix.rows[0].cells, SEED_APPENDIX_HEADERS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.add_paragraph()
    subject, criteria, interests = appendix.rows[1].cells
    _fill(subject, CALLAND.subject)
    criteria.paragraphs[0].add_run("De actielijn: ")
    for criterion in CALLAND.criteria:
        if word_lists:
            criteria.add_paragraph(criterion, style="List Number")
        else:
            criteria.add_paragraph(f"· {criterion}")
    _fill(interests, CALLAND.interests)
    return docx_bytes(document)
