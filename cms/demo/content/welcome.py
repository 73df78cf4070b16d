"""The general welcome text: Danish source, reviewed translations into all seven languages."""

from cms.demo.spec import PageSpec, d, paragraphs

ALL = ("en", "de", "zh-hans", "ar", "ru", "es", "fr")

# Each locale's home page slug is its language code, so CMS paths stay readable.
HOME_SLUGS = {code: code for code in ("da", *ALL)}

TITLE = {
    "da": "Velkommen til Herning Kommune",
    "en": "Welcome to Herning Municipality",
    "de": "Willkommen in der Kommune Herning",
    "zh-hans": "欢迎来到丹麦 Herning 市",
    "ar": "مرحبًا بكم في بلدية هيرنينغ",
    "ru": "Добро пожаловать в коммуну Хернинг",
    "es": "Bienvenido al municipio de Herning",
    "fr": "Bienvenue dans la commune de Herning",
}

WELCOME = paragraphs(
    {
        "da": "Herning Kommune byder dig velkommen – uanset om du kommer for at arbejde, "
        "studere, drive forretning eller besøge os.",
        "en": "Herning Municipality welcomes you – whether you come to work, study, do "
        "business or visit us.",
        "de": "Die Kommune Herning heißt Sie willkommen – ob Sie zum Arbeiten, Studieren, "
        "für Geschäfte oder zu Besuch kommen.",
        "zh-hans": "无论您是来工作、学习、经商还是访问，Herning 市都欢迎您。",
        "ar": "ترحب بكم بلدية هيرنينغ، سواء جئتم للعمل أو الدراسة أو ممارسة الأعمال "
        "التجارية أو الزيارة.",
        "ru": "Коммуна Хернинг рада приветствовать вас — приезжаете ли вы работать, "
        "учиться, вести бизнес или в гости.",
        "es": "El municipio de Herning le da la bienvenida, tanto si viene a trabajar, "
        "estudiar, hacer negocios o visitarnos.",
        "fr": "La commune de Herning vous souhaite la bienvenue, que vous veniez pour "
        "travailler, étudier, faire des affaires ou nous rendre visite.",
    },
    {
        "da": "Herning er en international by midt i Jylland med et stærkt erhvervsliv, gode "
        "skoler og store sports- og kulturbegivenheder.",
        "en": "Herning is an international town in the middle of Jutland with a strong "
        "business community, good schools and major sports and cultural events.",
        "de": "Herning ist eine internationale Stadt mitten in Jütland mit einer starken "
        "Wirtschaft, guten Schulen und großen Sport- und Kulturveranstaltungen.",
        "zh-hans": "Herning 是位于日德兰半岛中部的一座国际化城市，拥有强大的商业、优质的学校"
        "以及大型体育和文化活动。",
        "ar": "هيرنينغ مدينة دولية في وسط يولاند، تتميز بقطاع أعمال قوي ومدارس جيدة "
        "وفعاليات رياضية وثقافية كبرى.",
        "ru": "Хернинг — международный город в центре Ютландии с сильной экономикой, "
        "хорошими школами и крупными спортивными и культурными событиями.",
        "es": "Herning es una ciudad internacional en el centro de Jutlandia, con un tejido "
        "empresarial fuerte, buenos colegios y grandes eventos deportivos y culturales.",
        "fr": "Herning est une ville internationale au cœur du Jutland, avec un tissu "
        "économique dynamique, de bonnes écoles et de grands événements sportifs et culturels.",
    },
    {
        "da": "Praktisk information om at flytte hertil, om skole, arbejde og erhverv findes "
        "på dansk, engelsk og tysk.",
        "en": "Practical information about moving here, school, work and business is "
        "available in Danish, English and German.",
        "de": "Praktische Informationen über den Umzug hierher, über Schule, Arbeit und "
        "Wirtschaft gibt es auf Dänisch, Englisch und Deutsch.",
        "zh-hans": "有关搬迁、上学、工作和商业的实用信息提供丹麦语、英语和德语版本。",
        "ar": "تتوفر المعلومات العملية حول الانتقال إلى هنا والمدرسة والعمل والأعمال "
        "باللغات الدنماركية والإنجليزية والألمانية.",
        "ru": "Практическая информация о переезде, школе, работе и бизнесе доступна на "
        "датском, английском и немецком языках.",
        "es": "La información práctica sobre la mudanza, el colegio, el trabajo y los "
        "negocios está disponible en danés, inglés y alemán.",
        "fr": "Les informations pratiques sur l'installation, l'école, le travail et les "
        "affaires sont disponibles en danois, en anglais et en allemand.",
    },
)

LETTER = PageSpec(
    key="welcome-letter",
    model="letters.WelcomeLetterPage",
    slug="velkomstbrev",
    title={"da": "Velkomstbrev", "en": "Welcome letter", "de": "Willkommensbrief"},
    fields={
        "letter": paragraphs(
            {
                "da": "Kære nye borger",
                "en": "Dear new resident",
                "de": "Liebe neue Bürgerin, lieber neuer Bürger",
            },
            {
                "da": "Velkommen til Herning Kommune. Vi er glade for, at du har valgt at bo "
                "og arbejde her.",
                "en": "Welcome to Herning Municipality. We are glad that you have chosen to "
                "live and work here.",
                "de": "Willkommen in der Kommune Herning. Wir freuen uns, dass Sie sich "
                "entschieden haben, hier zu leben und zu arbeiten.",
            },
            {
                "da": "I denne velkomstpakke finder du praktisk information om registrering, "
                "sundhed, skole og fritid. Den samme information findes på vores hjemmeside "
                "på dansk, engelsk og tysk.",
                "en": "In this welcome package you will find practical information about "
                "registration, health, school and leisure. The same information is on our "
                "website in Danish, English and German.",
                "de": "In diesem Willkommenspaket finden Sie praktische Informationen zu "
                "Anmeldung, Gesundheit, Schule und Freizeit. Dieselben Informationen finden "
                "Sie auf unserer Website auf Dänisch, Englisch und Deutsch.",
            },
            {
                "da": "Har du spørgsmål, er du altid velkommen til at kontakte Internationalt "
                "Kontor.",
                "en": "If you have any questions, you are always welcome to contact the "
                "International Desk.",
                "de": "Bei Fragen können Sie sich jederzeit an das Internationale Büro wenden.",
            },
            {"da": "Med venlig hilsen", "en": "Kind regards", "de": "Mit freundlichen Grüßen"},
        ),
        "signature": {"da": "Borgmesteren", "en": "The Mayor", "de": "Der Bürgermeister"},
        "letter_date": d("2026-09-01"),
    },
)
