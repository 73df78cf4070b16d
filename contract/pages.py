"""Page types and block types: the names the API gives them and the templates that render them.

A page's ``meta.type`` in the API is its Django model ("information.InformationPage"); the build
renders it with the theme's template of the name given here (site/theme/templates/<name>.html).
A StreamField block's type name is the name of its partial
(site/theme/templates/blocks/<name>.html). Both sides are held to these lists by tests."""

PAGE_TEMPLATES = {
    "home.HomePage": "home",
    "sections.AudiencePage": "section",
    "information.InformationPage": "information",
    "letters.WelcomeLetterPage": "letter",
    "strategy.StrategyPage": "strategy",
}
# The build's own pages, besides the CMS's: each language's 404 and search page.
UTILITY_TEMPLATES = ("not_found", "search")
BLOCK_TYPES = ("heading", "paragraph", "steps", "checklist", "contact", "links", "notice")
# Page fields that hold rich text (HTML), besides the blocks of a body.
RICH_TEXT_FIELDS = ("welcome", "intro", "letter")
