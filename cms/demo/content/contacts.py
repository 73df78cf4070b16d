"""Fictional contacts only: the numbers are outside the Danish numbering plan (no Danish
number starts with 0) and the e-mail domain is reserved (.example)."""

CONTACTS = {
    "citizens-service": {
        "name": {"da": "Borgerservice", "en": "Citizens' Service", "de": "Bürgerservice"},
        "phone": "+45 00 00 00 01",
        "email": "borgerservice@udsyn.example",
        "opening_hours": {
            "da": "Mandag–fredag 10–15, torsdag 10–17",
            "en": "Monday–Friday 10 am–3 pm, Thursday 10 am–5 pm",
            "de": "Montag–Freitag 10–15 Uhr, Donnerstag 10–17 Uhr",
        },
    },
    "international-desk": {
        "name": {
            "da": "Internationalt Kontor",
            "en": "International Desk",
            "de": "Internationales Büro",
        },
        "phone": "+45 00 00 00 02",
        "email": "international@udsyn.example",
        "opening_hours": {
            "da": "Mandag–torsdag 9–15",
            "en": "Monday–Thursday 9 am–3 pm",
            "de": "Montag–Donnerstag 9–15 Uhr",
        },
    },
    "business-service": {
        "name": {"da": "Erhvervsservice", "en": "Business Service", "de": "Wirtschaftsservice"},
        "phone": "+45 00 00 00 03",
        "email": "erhverv@udsyn.example",
        "opening_hours": {
            "da": "Mandag–fredag 8–16",
            "en": "Monday–Friday 8 am–4 pm",
            "de": "Montag–Freitag 8–16 Uhr",
        },
    },
    "school-service": {
        "name": {"da": "Skoleservice", "en": "School Enrolment Service", "de": "Schulanmeldung"},
        "phone": "+45 00 00 00 04",
        "email": "skole@udsyn.example",
        "opening_hours": {
            "da": "Mandag–fredag 9–14",
            "en": "Monday–Friday 9 am–2 pm",
            "de": "Montag–Freitag 9–14 Uhr",
        },
    },
    "events": {
        "name": {
            "da": "Event- og turistinformation",
            "en": "Events and Visitor Information",
            "de": "Veranstaltungs- und Touristinformation",
        },
        "phone": "+45 00 00 00 05",
        "email": "besoeg@udsyn.example",
        "opening_hours": {
            "da": "Alle dage 10–16",
            "en": "Every day 10 am–4 pm",
            "de": "Täglich 10–16 Uhr",
        },
    },
}
