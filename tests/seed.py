"""The seed action list (actielijst OT 18 maart) as messages a secretary would send."""

# The seed list (actielijst OT 18 maart) as the secretary would send it after the meeting:
# one labelled block per row, long values wrapped over lines, a few labels in Telegram's
# bold or bullet style, the decision with its appendix entry.
SEED_MESSAGE = """\
/nieuw
Onderwerp: Gezonde leefomgeving en bewegen
Actie: Kijken wat er vanuit Wonen en Leefomgeving mbt obesitas in Nieuw-West kan worden
gedaan.
Toelichting: Danillo vertelt dat er een voorstel in de stadsdeelcommissie is gedaan n.a.v.
obesitas onderzoek en vraagt of we hier vanuit het OT Wonen en Leefomgeving iets in kunnen
betekenen. Wellicht vanuit stimuleren van bewegen. Henk-Jan merkt op dat de toegekende SPUK
inzake gezonde leefomgeving hier goed voor gebruikt kan worden. Dit geld is toegekend om een
programma op te zetten. Marloes zoekt uit hoe of er al plannen gemaakt zijn en pakt dit verder
samen met Danillo op
Wie: Danillo en Marloes
Wanneer: April

Onderwerp: Organisatiestructuur
Actie: Delen organisatiestructuur
Toelichting: Marloes vertelt dat het programmabureau werkt aan een optimalisatie van de
organisatiestructuur van het NPSNW, inclusief de rol van het opgaveteam. Als dit bekend is
wordt het gedeeld met het OT.
Wie: Marloes
Wanneer: ASAP

Onderwerp: Voedselpark Lutkemeer
Actie: Voedselpark Lutkemeer agenderen voor volgend OT.
Toelichting: Jan wil naar aanleiding van een Ommetje met Iris Poels het Voedselpark
Lutkemeerpolder voor volgende keer agenderen.
Wie: Marloes
Wanneer: OT 24 april

Onderwerp: Zorgen dat er aandacht is voor bijzondere groepen zoals mensen met autisme.
Bijvoorbeeld als het gaat om huisvesting.
Actie: Marloes gaat na hoe dit vanuit het Eigenaarschap, Inclusie en Democratisering wordt
opgepakt.
Wie: Marloes
Wanneer: ASAP

Onderwerp: Kennis en inspiratie
Actie: Suggesties voor partijen of projecten voor komende vergaderingen aandragen bij Marloes
Toelichting: Er gebeurt veel in Nieuw-West waar we allemaal geen wet van hebben. We willen in
het OT de blinde vlekken wegnemen.
Wie: Partners NPSNW
Wanneer: Continu proces

Onderwerp: Krachten bundelen: aantrekkelijk, schoon,
heel en veilig
Actie: Doorsturen data met rondleidingen expofette
Toelichting: Aan het eind van de vergadering neemt Peter van der Vliet als programmamanager
Nieuw Samenspel ons mee door de Expofette van Schoon, Heel en Veilig.
*Wie:* Jan
*Wanneer:* ASAP

Onderwerp: Gerichte aanpak vocht en schimmel
Actie: i.o.m. het domein Werk en Bestaanszekerheid kijkt of versneld opleiden van bewoners in
Nieuw-West door de co-makers een oplossing is. Dit gebeurt bijvoorbeeld al door Hemubo in de
Van Deysselbuurt.
Wie: Marloes
Wanneer: ASAP

Onderwerp: Gerichte aanpak vocht en schimmel
Afspraak: Met de betrokken bewoners het gesprek aangaan om toe te lichten wat er speelt, en te
kijken of er andere mogelijkheden zijn
Update: De corporaties hebben een memo gestuurd. Concluderend zit het ongemak op het feit dat;
· er juist energie van bewoners op deze actielijn zit,
· het gevoel dat niemand de verantwoordelijkheid lijkt te nemen voor het trekken van de actielijn,
· de zoektocht hoe het eerlijke verhaal naar bewoners kan worden verteld,
Wie: Louise
Wanneer: ASAP

Onderwerp: Maatschappelijke voorzieningen, winkels, bedrijfsruimtes en ontmoetingsruimtes voor
een vitale buurt
Besluit: OT heeft actielijn haalbaarheidsstudie Callandlyceum geaccordeerd
Toelichting: Zie bijlage voor actielijn
Wie: OT
Criteria:
· Draagt bij aan de in het uitvoeringsprogramma opgenomen (middel)lange termijn opbrengsten
· Borgt het eigenaarschap van bewoners. Door bewoners vanaf het begin te betrekken bij de
haalbaarheidsstudie en mogelijk initiatieven die kunnen gaan plaatsvinden.
· Vraagt samenwerking tussen partners van het NPSNW.
· Zet in op meer dan wat er al regulier gebeurt.
· Heeft werkend leren geïncorporeerd en streeft hiermee naar transformatie van het systeem
· Is niet enkel een pilot, maar kan bij succes structureel geborgd worden in de organisatie
van een of meerdere van de partners van het NPSNW.
· Wordt integraal vanuit meerdere domeinen aangevlogen, namelijk Kansen voor de Jeugd, Werk en
bestaanszekerheid, CWB en EID.
Belangen: Het Callandlyceum heeft niet deelgenomen aan het besluit.

Onderwerp: Evaluatie
Actie: Evalueren wat we tegenkomen bij besluiten en de aanloop daar naartoe)
Toelichting: Doorstroming (update door Louise, trekker werkgroep doorstroming). Is gestart.
Wie: OT
Wanneer: Ot 28 mei

Onderwerp: Iedereen die wil terugkeren
naar een passende
woning in de buurt kan
terugkeren
Actie: Marjolein en Niels Raat (Stadgenoot) betrekken bij opdracht Guido Wallagh
Toelichting: Nabila licht toe dat Guido Wallagh is gevraagd om een offerte te maken.
Wie: Nabila
Wanneer: ASAP

- Onderwerp: Aansluiten bij wat er al loopt in Nieuw-West
- Actie: Rob Andeweg voorzitter OT Werkend leren uitnodigen om te presenteren wat er al loopt
en waar op kan worden aangesloten
- Wie: Marloes
- Wanneer: OT 24 april

Onderwerp: Financiën
Actie: Nagaan hoe de financiële governance in de praktijk er uit ziet en delen met OT
Toelichting: In het AB van 29 februari is door Sjoukje Alta aan de hand van de presentatie:
financiële governance besteding coalitiemiddelen, het AB meegenomen.
Wie: Marloes
Wanneer: ASAP

ONDERWERP: Communicatie
ACTIE: Actief blijven communiceren naar partners waar men mee bezig is
WIE: Partners NPSNW
WANNEER: Continu proces

Onderwerp : Blije doos
Actie : Jan werkt voorstel uit
Toelichting : In navolging van de dozen van Prenatal etc bij de geboorte stelt Jan een blije
doos voor nieuwe bewoners voor.
Wie : Jan
Wanneer : ASAP
"""


def seed_blocks() -> list[str]:
    """Return the seed's 15 rows as separate labelled blocks (without the /nieuw line)."""
    body = SEED_MESSAGE.removeprefix("/nieuw\n")
    return [b.strip("\n") for b in body.split("\n\n") if b.strip()]
