"""The three audience sections and their information pages, in Danish, English and German."""

from cms.demo.spec import (
    PageSpec,
    checklist,
    contact,
    d,
    heading,
    links,
    notice,
    para,
    paragraphs,
    steps,
)

WHAT_TO_BRING = {"da": "Det skal du medbringe", "en": "What to bring", "de": "Was Sie mitbringen"}


def info(key, slug, title, summary, body, owner, reviewed) -> PageSpec:
    return PageSpec(
        key=key,
        model="information.InformationPage",
        slug=slug,
        title=title,
        fields={
            "summary": summary,
            "body": body,
            "content_owner": owner,
            "last_reviewed": d(reviewed),
        },
    )


BUSINESS = PageSpec(
    key="business",
    model="sections.AudiencePage",
    slug="erhverv",
    title={"da": "Erhverv", "en": "Business", "de": "Wirtschaft"},
    fields={
        "audience": "business",
        "intro": paragraphs(
            {
                "da": "Information til virksomheder, der handler med virksomheder i Herning: "
                "erhvervsservice, eksport og kontakter.",
                "en": "Information for companies doing business with companies in Herning: "
                "business services, export and contacts.",
                "de": "Informationen für Unternehmen, die mit Unternehmen in Herning Geschäfte "
                "machen: Wirtschaftsservice, Export und Kontakte.",
            }
        ),
    },
    children=[
        info(
            "trade",
            "handel-med-virksomheder-i-herning",
            {
                "da": "Handel med virksomheder i Herning",
                "en": "Doing business with companies in Herning",
                "de": "Geschäfte mit Unternehmen in Herning",
            },
            {
                "da": "Sådan finder du samarbejdspartnere og leverandører i Herning, og hvor "
                "du får hjælp.",
                "en": "How to find partners and suppliers in Herning, and where to get help.",
                "de": "So finden Sie Partner und Lieferanten in Herning, und wo Sie Hilfe "
                "bekommen.",
            },
            [
                para(
                    {
                        "da": "Herning har et stærkt erhvervsliv inden for tekstil, møbler, "
                        "industri og energi. Mange virksomheder bruger engelsk som "
                        "virksomhedssprog.",
                        "en": "Herning has a strong business community in textiles, furniture, "
                        "manufacturing and energy. Many companies use English as their "
                        "corporate language.",
                        "de": "Herning hat eine starke Wirtschaft in den Bereichen Textil, "
                        "Möbel, Industrie und Energie. Viele Unternehmen nutzen Englisch als "
                        "Unternehmenssprache.",
                    }
                ),
                steps(
                    {
                        "da": "Sådan kommer du i gang",
                        "en": "How to get started",
                        "de": "So fangen Sie an",
                    },
                    (
                        {
                            "da": "Beskriv, hvad du søger",
                            "en": "Describe what you are looking for",
                            "de": "Beschreiben Sie, was Sie suchen",
                        },
                        {
                            "da": "Skriv kort, hvilke produkter, ydelser eller partnere du søger.",
                            "en": "Write briefly which products, services or partners you are "
                            "looking for.",
                            "de": "Schreiben Sie kurz, welche Produkte, Dienstleistungen oder "
                            "Partner Sie suchen.",
                        },
                    ),
                    (
                        {
                            "da": "Kontakt Erhvervsservice",
                            "en": "Contact Business Service",
                            "de": "Wenden Sie sich an den Wirtschaftsservice",
                        },
                        {
                            "da": "Vi sender din henvendelse videre til relevante virksomheder "
                            "og netværk.",
                            "en": "We pass your enquiry on to relevant companies and networks.",
                            "de": "Wir leiten Ihre Anfrage an passende Unternehmen und Netzwerke "
                            "weiter.",
                        },
                    ),
                    (
                        {
                            "da": "Mød virksomhederne",
                            "en": "Meet the companies",
                            "de": "Treffen Sie die Unternehmen",
                        },
                        {
                            "da": "Vi kan hjælpe med at arrangere møder og virksomhedsbesøg.",
                            "en": "We can help arrange meetings and company visits.",
                            "de": "Wir helfen Ihnen, Treffen und Firmenbesuche zu organisieren.",
                        },
                    ),
                ),
                contact("business-service"),
            ],
            "Erhvervsservice",
            "2026-10-01",
        ),
        info(
            "export",
            "eksport-og-erhvervsservice",
            {
                "da": "Eksport og erhvervsservice",
                "en": "Export and business services",
                "de": "Export und Wirtschaftsservice",
            },
            {
                "da": "Gratis vejledning til iværksættere og virksomheder, der vil eksportere "
                "eller samarbejde internationalt.",
                "en": "Free guidance for entrepreneurs and companies that want to export or "
                "cooperate internationally.",
                "de": "Kostenlose Beratung für Gründer und Unternehmen, die exportieren oder "
                "international zusammenarbeiten möchten.",
            },
            [
                para(
                    {
                        "da": "Kommunen tilbyder iværksætter- og virksomhedsvejledning og "
                        "støtter udviklingsprojekter og videncentre.",
                        "en": "The municipality offers guidance for entrepreneurs and companies "
                        "and supports development projects and knowledge centres.",
                        "de": "Die Kommune bietet Beratung für Gründer und Unternehmen und "
                        "unterstützt Entwicklungsprojekte und Wissenszentren.",
                    }
                ),
                checklist(
                    {
                        "da": "Det skal du have klar",
                        "en": "What to have ready",
                        "de": "Das sollten Sie bereithalten",
                    },
                    {
                        "da": "Dit CVR-nummer",
                        "en": "Your company registration number (CVR)",
                        "de": "Ihre Unternehmensnummer (CVR)",
                    },
                    {
                        "da": "En kort beskrivelse af din virksomhed",
                        "en": "A short description of your company",
                        "de": "Eine kurze Beschreibung Ihres Unternehmens",
                    },
                    {
                        "da": "De markeder, du vil ind på",
                        "en": "The markets you want to enter",
                        "de": "Die Märkte, die Sie erschließen möchten",
                    },
                ),
                notice(
                    "info",
                    {
                        "da": "Vejledningen er gratis og fortrolig.",
                        "en": "The guidance is free and confidential.",
                        "de": "Die Beratung ist kostenlos und vertraulich.",
                    },
                ),
                contact("business-service"),
            ],
            "Erhvervsservice",
            "2026-09-15",
        ),
    ],
)

MOVING = info(
    "moving",
    "flyt-til-herning",
    {"da": "Flyt til Herning", "en": "Moving to Herning", "de": "Umzug nach Herning"},
    {
        "da": "Det første, du skal gøre, når du flytter hertil fra udlandet: registrering, "
        "sundhedskort og bolig.",
        "en": "The first things to do when you move here from abroad: registration, health "
        "card and housing.",
        "de": "Das Erste, was Sie tun sollten, wenn Sie aus dem Ausland hierher ziehen: "
        "Anmeldung, Gesundheitskarte und Wohnung.",
    },
    [
        steps(
            None,
            (
                {"da": "Find en bolig", "en": "Find a home", "de": "Finden Sie eine Wohnung"},
                {
                    "da": "Du skal have en adresse, før du kan registrere dig.",
                    "en": "You need an address before you can register.",
                    "de": "Sie brauchen eine Adresse, bevor Sie sich anmelden können.",
                },
            ),
            (
                {
                    "da": "Registrér dig i Borgerservice",
                    "en": "Register at Citizens' Service",
                    "de": "Melden Sie sich beim Bürgerservice an",
                },
                {
                    "da": "Så får du et CPR-nummer og et sundhedskort.",
                    "en": "You will then get a CPR number and a health card.",
                    "de": "Dann erhalten Sie eine CPR-Nummer und eine Gesundheitskarte.",
                },
            ),
            (
                {"da": "Vælg en læge", "en": "Choose a doctor", "de": "Wählen Sie einen Arzt"},
                {
                    "da": "Du vælger din praktiserende læge, når du registrerer dig.",
                    "en": "You choose your general practitioner when you register.",
                    "de": "Sie wählen Ihren Hausarzt bei der Anmeldung.",
                },
            ),
        ),
        checklist(
            WHAT_TO_BRING,
            {
                "da": "Pas eller id-kort",
                "en": "Passport or ID card",
                "de": "Reisepass oder Personalausweis",
            },
            {
                "da": "Opholds- og arbejdstilladelse, hvis du skal have en",
                "en": "Residence and work permit, if you need one",
                "de": "Aufenthalts- und Arbeitserlaubnis, falls erforderlich",
            },
            {"da": "Din lejekontrakt", "en": "Your tenancy agreement", "de": "Ihren Mietvertrag"},
        ),
        notice(
            "warning",
            {
                "da": "Du skal registrere dig senest 5 dage efter, at du er flyttet ind.",
                "en": "You must register no later than 5 days after moving in.",
                "de": "Sie müssen sich spätestens 5 Tage nach dem Einzug anmelden.",
            },
        ),
        contact("citizens-service"),
    ],
    "Borgerservice",
    "2026-08-20",
)

# The edit an editor makes to "Flyt til Herning" after it was translated: the demo's outdated
# case. German is then brought up to date; English is left outdated.
MOVING_EDIT = {
    "old": "Du skal registrere dig senest 5 dage efter, at du er flyttet ind.",
    "new": {
        "da": "Du skal registrere dig senest 5 dage efter, at du er flyttet ind. Book en tid "
        "på forhånd.",
        "de": "Sie müssen sich spätestens 5 Tage nach dem Einzug anmelden. Buchen Sie vorher "
        "einen Termin.",
    },
}

WORK_LIVE = PageSpec(
    key="work-live",
    model="sections.AudiencePage",
    slug="arbejde-og-bo",
    title={"da": "Arbejde og bo", "en": "Work & live", "de": "Arbeiten & leben"},
    fields={
        "audience": "work-live",
        "intro": paragraphs(
            {
                "da": "Til dig, der flytter hertil for at arbejde, og til din familie: bolig, "
                "registrering, skole, job til din partner og danskundervisning.",
                "en": "For you who move here to work, and for your family: housing, "
                "registration, school, jobs for your partner and Danish lessons.",
                "de": "Für Sie, die zum Arbeiten hierher ziehen, und für Ihre Familie: Wohnen, "
                "Anmeldung, Schule, Arbeit für Ihren Partner und Dänischunterricht.",
            }
        ),
    },
    children=[
        MOVING,
        info(
            "school",
            "indskriv-dit-barn-i-skole",
            {
                "da": "Indskriv dit barn i skole",
                "en": "Enrol your child in school",
                "de": "Ihr Kind in der Schule anmelden",
            },
            {
                "da": "Sådan indskriver du dit barn i folkeskolen eller en international skole, "
                "når I flytter hertil.",
                "en": "How to enrol your child in a public school or an international school "
                "when you move here.",
                "de": "So melden Sie Ihr Kind an einer öffentlichen oder internationalen Schule "
                "an, wenn Sie hierher ziehen.",
            },
            [
                para(
                    {
                        "da": "Alle børn i Danmark har ret og pligt til undervisning, fra de er "
                        "cirka 6 år. Børn med et andet modersmål end dansk kan begynde i en "
                        "modtageklasse.",
                        "en": "All children in Denmark have the right and the duty to be "
                        "educated from about the age of 6. Children whose first language is "
                        "not Danish can start in a reception class.",
                        "de": "Alle Kinder in Dänemark haben ab etwa 6 Jahren das Recht und die "
                        "Pflicht, unterrichtet zu werden. Kinder mit einer anderen "
                        "Muttersprache als Dänisch können in einer Aufnahmeklasse beginnen.",
                    }
                ),
                steps(
                    {"da": "Sådan gør du", "en": "How to do it", "de": "So gehen Sie vor"},
                    (
                        {
                            "da": "Registrér jer i Danmark",
                            "en": "Register in Denmark",
                            "de": "Melden Sie sich in Dänemark an",
                        },
                        {
                            "da": "Dit barn skal have et CPR-nummer, før det kan indskrives.",
                            "en": "Your child needs a CPR number before it can be enrolled.",
                            "de": "Ihr Kind braucht eine CPR-Nummer, bevor es angemeldet werden "
                            "kann.",
                        },
                    ),
                    (
                        {
                            "da": "Vælg skole",
                            "en": "Choose a school",
                            "de": "Wählen Sie eine Schule",
                        },
                        {
                            "da": "Jeres distriktsskole afhænger af jeres adresse. I kan også søge "
                            "om en international skole.",
                            "en": "Your local school depends on your address. You can also apply "
                            "for an international school.",
                            "de": "Ihre Bezirksschule hängt von Ihrer Adresse ab. Sie können sich "
                            "auch für eine internationale Schule bewerben.",
                        },
                    ),
                    (
                        {
                            "da": "Indskriv dit barn",
                            "en": "Enrol your child",
                            "de": "Melden Sie Ihr Kind an",
                        },
                        {
                            "da": "Kontakt Skoleservice, som hjælper med indskrivningen og en "
                            "samtale med skolen.",
                            "en": "Contact the School Enrolment Service, who will help with the "
                            "enrolment and a meeting with the school.",
                            "de": "Wenden Sie sich an die Schulanmeldung, die bei der Anmeldung "
                            "und einem Gespräch mit der Schule hilft.",
                        },
                    ),
                ),
                checklist(
                    WHAT_TO_BRING,
                    {
                        "da": "Dit barns CPR-nummer",
                        "en": "Your child's CPR number",
                        "de": "Die CPR-Nummer Ihres Kindes",
                    },
                    {
                        "da": "Tidligere skoleudtalelser, hvis I har dem",
                        "en": "Previous school reports, if you have them",
                        "de": "Frühere Schulzeugnisse, falls vorhanden",
                    },
                    {
                        "da": "Oplysninger om dit barns sprog",
                        "en": "Information about your child's languages",
                        "de": "Angaben zu den Sprachen Ihres Kindes",
                    },
                ),
                contact("school-service"),
            ],
            "Skoleservice",
            "2026-10-10",
        ),
        info(
            "partner-job",
            "job-til-din-partner",
            {
                "da": "Job til din partner",
                "en": "A job for your partner",
                "de": "Arbeit für Ihren Partner",
            },
            {
                "da": "Jobcentret vejleder internationale borgere og deres partnere om job i "
                "området.",
                "en": "The job centre advises international citizens and their partners about "
                "jobs in the area.",
                "de": "Das Jobcenter berät internationale Bürgerinnen und Bürger und ihre "
                "Partner über Arbeitsplätze in der Region.",
            },
            [
                para(
                    {
                        "da": "Med internationale medarbejdere følger ofte en partner, der også "
                        "vil ind på arbejdsmarkedet. Jobcentret vejleder om jobmuligheder i "
                        "området og i kommunen.",
                        "en": "International employees are often accompanied by a partner who "
                        "also wants to work. The job centre advises on job opportunities in "
                        "the area and in the municipality.",
                        "de": "Internationale Fachkräfte kommen oft mit einem Partner, der "
                        "ebenfalls arbeiten möchte. Das Jobcenter berät über Stellen in der "
                        "Region und bei der Kommune.",
                    },
                    {
                        "da": "Læs også om [at flytte til Herning](page:moving).",
                        "en": "Read more about [moving to Herning](page:moving).",
                        "de": "Lesen Sie auch über den [Umzug nach Herning](page:moving).",
                    },
                ),
                links(
                    {"da": "Nyttige links", "en": "Useful links", "de": "Nützliche Links"},
                    (
                        {
                            "da": "Jobnet – ledige stillinger i Danmark",
                            "en": "Jobnet – vacancies in Denmark",
                            "de": "Jobnet – offene Stellen in Dänemark",
                        },
                        "https://www.jobnet.dk/",
                    ),
                    (
                        {
                            "da": "Flyt til Herning",
                            "en": "Moving to Herning",
                            "de": "Umzug nach Herning",
                        },
                        "page:moving",
                    ),
                ),
                contact("international-desk"),
            ],
            "Jobcenter",
            "2026-09-30",
        ),
    ],
)

EVENTS = info(
    "events",
    "internationale-begivenheder",
    {
        "da": "Internationale begivenheder",
        "en": "International events",
        "de": "Internationale Veranstaltungen",
    },
    {
        "da": "Herning er vært for europa- og verdensmesterskaber, koncerter og messer.",
        "en": "Herning hosts European and World Championships, concerts and trade fairs.",
        "de": "Herning ist Gastgeber von Europa- und Weltmeisterschaften, Konzerten und Messen.",
    },
    [
        para(
            {
                "da": "Kommunen arbejder aktivt for at tiltrække internationale sports- og "
                "kulturbegivenheder og erhvervsturisme.",
                "en": "The municipality works actively to attract international sports and "
                "cultural events and business tourism.",
                "de": "Die Kommune arbeitet aktiv daran, internationale Sport- und "
                "Kulturveranstaltungen sowie Geschäftstourismus anzuziehen.",
            }
        ),
        heading({"da": "Før du kommer", "en": "Before you come", "de": "Bevor Sie kommen"}),
        checklist(
            {"da": "Husk", "en": "Remember", "de": "Denken Sie daran"},
            {"da": "Din billet", "en": "Your ticket", "de": "Ihr Ticket"},
            {"da": "Gyldigt id", "en": "Valid ID", "de": "Einen gültigen Ausweis"},
            {
                "da": "En plan for transporten hjem",
                "en": "A plan for getting home",
                "de": "Einen Plan für den Heimweg",
            },
        ),
        notice(
            "info",
            {
                "da": "Store begivenheder kan give travlhed på vejene. "
                "Tag gerne toget eller bussen.",
                "en": "Large events can mean busy roads. Consider taking the train or bus.",
                "de": "Große Veranstaltungen können zu vollen Straßen führen. Nehmen Sie gern den "
                "Zug oder Bus.",
            },
        ),
        contact("events"),
    ],
    "Event- og turistinformation",
    "2026-10-20",
)

# The German translation of "Internationale begivenheder" is the demo's partial case: the
# translator has done the title, summary and first paragraph only. These Danish texts are the
# segments left untranslated.
EVENTS_PARTIAL_DE_UNTRANSLATED = {
    "Før du kommer",
    "Husk",
    "Din billet",
    "Gyldigt id",
    "En plan for transporten hjem",
    "Store begivenheder kan give travlhed på vejene. Tag gerne toget eller bussen.",
}

VISIT = PageSpec(
    key="visit",
    model="sections.AudiencePage",
    slug="besoeg",
    title={"da": "Besøg", "en": "Visit", "de": "Besuch"},
    fields={
        "audience": "visit",
        "intro": paragraphs(
            {
                "da": "Til gæster: internationale begivenheder, og hvordan du kommer hertil.",
                "en": "For guests: international events and how to get here.",
                "de": "Für Gäste: internationale Veranstaltungen und wie Sie hierher kommen.",
            }
        ),
    },
    children=[
        EVENTS,
        info(
            "getting-here",
            "saadan-kommer-du-hertil",
            {"da": "Sådan kommer du hertil", "en": "Getting here", "de": "Anreise"},
            {
                "da": "Med tog, bus, bil eller fly: sådan kommer du til Herning.",
                "en": "By train, bus, car or plane: how to get to Herning.",
                "de": "Mit Zug, Bus, Auto oder Flugzeug: So kommen Sie nach Herning.",
            },
            [
                steps(
                    None,
                    (
                        {"da": "Med fly", "en": "By plane", "de": "Mit dem Flugzeug"},
                        {
                            "da": "Billund Lufthavn ligger cirka en time fra Herning. Der kører "
                            "busser fra lufthavnen.",
                            "en": "Billund Airport is about an hour from Herning. Buses run from "
                            "the airport.",
                            "de": "Der Flughafen Billund liegt etwa eine Stunde von Herning "
                            "entfernt. Vom Flughafen fahren Busse.",
                        },
                    ),
                    (
                        {"da": "Med tog", "en": "By train", "de": "Mit dem Zug"},
                        {
                            "da": "Der er direkte tog fra blandt andet Aarhus og København.",
                            "en": "There are direct trains from Aarhus and Copenhagen, among "
                            "others.",
                            "de": "Es gibt direkte Züge unter anderem aus Aarhus und Kopenhagen.",
                        },
                    ),
                    (
                        {"da": "Med bil", "en": "By car", "de": "Mit dem Auto"},
                        {
                            "da": "Herning ligger ved motorvejene mod Aarhus og Vejle.",
                            "en": "Herning is on the motorways towards Aarhus and Vejle.",
                            "de": "Herning liegt an den Autobahnen Richtung Aarhus und Vejle.",
                        },
                    ),
                ),
                contact("events"),
            ],
            "Event- og turistinformation",
            "2026-07-01",
        ),
    ],
)

SECTIONS = [BUSINESS, WORK_LIVE, VISIT]
