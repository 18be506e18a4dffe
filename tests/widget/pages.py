"""Page structures the widget must handle, as news sites write them.

Each :class:`Page` is a page body (the widget's ``<script>`` tag is added by
``Api.page``, with no ``data-root`` unless ``attrs`` says so), the phrases a reader
selects and reports, the article root the widget must take for them (a JavaScript
expression; docs/widget.md, "Which text is the article"), and phrases that must stay
unreportable (navigation, the site's forms and dialogs, the page footer).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    name: str
    body: str
    #: (phrase, occurrence) or (phrase, occurrence, root) tuples, each reported in turn
    report: list[tuple[str, int] | tuple[str, int, str]]
    #: JavaScript expression for the article root the reports are anchored in (unless a
    #: report names its own)
    root: str
    ignored: list[str] = field(default_factory=list)
    head: str = ""
    attrs: str = ""
    lang: str = "en"
    html_attrs: str = ""


STORY = (
    "<p>Road crews closed the northern pass on Tuesday after a storm brought lows of "
    "4 Celsius to the valley, the highways agency said.</p>"
    "<p>Her grandfather was drafted into to the army in 1943, the mayor recalled, "
    "and the pass was closed for a week that winter as well.</p>"
    "<p>Residents were told to stay at home until the ploughs had cleared the road.</p>"
)
TEASERS = "".join(
    f'<article class="teaser"><h2><a href="/t{i}">Teaser {i}: council votes</a></h2>'
    f"<p>Short blurb {i}.</p></article>"
    for i in range(3)
)
NAV = '<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>'
FOOTER = "<footer><p>Copyright Daily Herald, all rights reserved</p></footer>"
SEARCH = (
    '<form role="search"><label>Search the archive <input name="q"></label>'
    "<button>Search now</button></form>"
)

SHADOW_SCRIPT = """<script>
customElements.define('x-story', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<article><h1>Shadow headline here</h1>' +
      '<p>The shadow story says the bridge reopend on Monday morning.</p></article>';
  }
});
customElements.define('x-card', class extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({mode: 'open'}).innerHTML = '<div class="card"><slot></slot></div>';
  }
});
</script>"""

STOP_SCRIPT = """<script>
document.addEventListener('keydown', e => e.stopPropagation());
window.addEventListener('keydown', e => e.stopImmediatePropagation());
document.documentElement.addEventListener('keydown', e => e.stopPropagation(), true);
document.addEventListener('click', e => e.stopPropagation());
</script>"""

PAGES: list[Page] = [
    Page("single_article", f"<article><h1>Storm closes the pass</h1>{STORY}</article>",
         [("into to", 0), ("Storm closes", 0)], "document.querySelector('article')"),
    Page("teasers_before_the_story",
         f"{NAV}<section>{TEASERS}</section><article id=story><h1>Storm closes the pass</h1>"
         f"{STORY}</article><aside>{TEASERS}</aside>{FOOTER}",
         [("into to", 0), ("Storm closes", 0),
          ("Short blurb 1", 0, "document.querySelectorAll('article.teaser')[1]")],
         "document.querySelector('#story')", ["World news", "Copyright"]),
    Page("headline_outside_the_body",
         f"{NAV}<main><h1>Storm closes the pass</h1><p class=standfirst>A week without "
         f"the road.</p><p class=byline>By Jane Doe</p><div itemprop=articleBody>{STORY}</div>"
         f"</main><aside>{TEASERS}</aside>{FOOTER}",
         [("Storm closes", 0), ("week without", 0), ("Jane Doe", 0), ("into to", 0)],
         "document.querySelector('main')", ["World news", "Copyright"]),
    Page("headline_a_sibling_of_the_article",
         f"<header>{NAV}</header><h1>Storm closes the pass</h1><p>By Jane Doe</p>"
         f"<article>{STORY}</article><section>{TEASERS}</section>{FOOTER}",
         [("Storm closes", 0), ("into to", 0), ("Jane Doe", 0)],
         "document.body", ["World news", "Copyright"]),
    Page("article_header_body_and_footer",
         "<article><header><h1>Storm closes the pass</h1><p>A week without the road.</p>"
         f"</header><div itemprop=articleBody>{STORY}</div><footer><p>By Jane Doe, "
         f"reporter</p></footer></article>{FOOTER}",
         [("Jane Doe", 0), ("into to", 0), ("week without", 0)],
         "document.querySelector('article')", ["Copyright"]),
    Page("figure_caption",
         "<article><h1>Storm closes the pass</h1><figure><img alt='' width=10 height=10>"
         f"<figcaption>Snow plows on the pass, Tusday.</figcaption></figure>{STORY}</article>",
         [("Tusday", 0), ("into to", 0)], "document.querySelector('article')"),
    Page("shadow_root_story", "<x-story></x-story><p>Outside the component.</p>",
         [("reopend", 0), ("Shadow headline", 0)],
         "document.querySelector('x-story').shadowRoot.querySelector('article')",
         head=SHADOW_SCRIPT),
    Page("slotted_light_dom",
         f"<article><h1>Storm closes the pass</h1><x-card><p>Slotted text with a "
         f"mistaek.</p></x-card>{STORY}</article>",
         [("mistaek", 0), ("into to", 0)], "document.querySelector('article')",
         head=SHADOW_SCRIPT),
    Page("iframe_beside_the_story",
         "<iframe srcdoc='<p>Advert text in a frame</p>' width=300 height=80></iframe>"
         f"<article><h1>Storm closes the pass</h1>{STORY}</article>",
         [("into to", 0)], "document.querySelector('article')"),
    Page("sticky_header",
         f"<header style='position:sticky;top:0;background:#eee'>{NAV}<p>Breaking: "
         f"markets fall</p></header><article><h1>Storm closes the pass</h1>{STORY}</article>",
         [("into to", 0), ("Storm closes", 0)], "document.querySelector('article')",
         ["World news"]),
    Page("user_select_none_regions",
         "<article><h1>Storm closes the pass</h1><p>Crews <span style='user-select:none'>"
         "[advert]</span> closed the pass on Tusday.</p>"
         f"<div style='user-select:none'><p>Share this story</p></div>{STORY}</article>",
         [("Tusday", 0), ("into to", 0)], "document.querySelector('article')"),
    Page("page_stops_key_and_click_propagation",
         f"<article><h1>Storm closes the pass</h1>{STORY}</article>",
         [("into to", 0)], "document.querySelector('article')", head=STOP_SCRIPT),
    Page("page_has_its_own_dialogs",
         '<div role="dialog" aria-label="Cookies"><p>We use cookies on this site</p>'
         "<button>Accept</button></div><dialog open><p>Subscribe to our newsletter"
         f"</p></dialog><article><h1>Storm closes the pass</h1>{STORY}</article>",
         [("into to", 0)], "document.querySelector('article')",
         ["use cookies", "Subscribe to"]),
    Page("right_to_left",
         "<article><h1>العاصفة تغلق الممر الشمالي</h1><p>أغلقت فرق الطرق الممر "
         "الشمالي يوم الثلاثاء بعد عاصفة جلبت درجات حرارة منخفضة إلى الوادي.</p>"
         "<p>قال رئيس البلدية إن جده جُند في الجيش عام 1943.</p></article>",
         [("يوم الثلاثاء", 0), ("عام 1943", 0)], "document.querySelector('article')",
         lang="ar", html_attrs=' dir="rtl"'),
    Page("navigation_footer_and_forms",
         f"<header>{NAV}{SEARCH}</header><main><article><h1>Storm closes the pass</h1>"
         f"{STORY}<form><label>Your email for the newsletter <input></label></form>"
         f"</article></main>{FOOTER}",
         [("into to", 0)], "document.querySelector('main')",
         ["World news", "Search the archive", "Your email", "Copyright"]),
    Page("several_article_bodies",
         f"<div itemprop=articleBody><h1>Live: storm</h1>{STORY}</div>"
         "<div itemprop=articleBody><p>Second update: the pass reopend.</p></div>",
         [("into to", 0)], "document.querySelector('[itemprop=articleBody]')"),
    Page("no_semantic_markup",
         f"<div class=wrap><div class=top>Daily Herald</div><div class=content>"
         f"<h1>Storm closes the pass</h1>{STORY}</div></div>",
         [("into to", 0), ("Storm closes", 0)], "document.body"),
    Page("main_only",
         f"{NAV}<main><h1>Storm closes the pass</h1>{STORY}</main>{FOOTER}",
         [("into to", 0), ("Storm closes", 0)], "document.querySelector('main')",
         ["World news", "Copyright"]),
    Page("comments_nested_in_the_story",
         f"<article id=story><h1>Storm closes the pass</h1>{STORY}<section>"
         "<article><p>A comment: great reporting.</p></article></section></article>",
         [("into to", 0), ("great reporting", 0)], "document.querySelector('#story')"),
    Page("aria_roles_only",
         f"<div role=navigation><a href='/'>Sections menu</a></div><div role=main>"
         f"<div role=article><h2>Storm closes the pass</h2>{STORY}</div></div>",
         [("into to", 0)], "document.querySelector('[role=main]')", ["Sections menu"]),
    Page("inline_markup_and_whitespace",
         "<article><h1>Storm</h1><p>The <em>quick</em>\n   brown <a href='#'>fox</a>"
         "\n\tjumpd over the <strong>lazy</strong> dog.</p><style>p{}</style>"
         "<script>var x = 'jumpd';</script><noscript>no script jumpd</noscript>"
         "<p>Then the fox jumpd again, and the dog sat.</p></article>",
         [("jumpd", 0), ("jumpd", 1)], "document.querySelector('article')"),
    Page("astral_characters",
         "<article><h1>Fans 🎉🎉 cheer</h1><p>Fans 🎉🎉 cheered as the teem scored 𝟛 goals"
         " in extra time 🏟️ at the stadium.</p></article>",
         [("teem", 0), ("Fans", 1)], "document.querySelector('article')"),
    Page("hidden_text_is_part_of_the_model",
         "<article><h1>Storm closes the pass</h1><p style='display:none'>Hidden "
         f"note for screen readers.</p><p hidden>Also hidden.</p>{STORY}</article>",
         [("into to", 0)], "document.querySelector('article')"),
    Page("contenteditable_and_data_ignore",
         f"<article><h1>Storm closes the pass</h1>{STORY}<div contenteditable>Draft "
         "comment text</div><div data-copydesk-ignore><p>Sponsored partner "
         "content</p></div></article>",
         [("into to", 0)], "document.querySelector('article')",
         ["Draft comment", "Sponsored partner"]),
    Page("data_root_wins",
         f"<article><h1>Storm closes the pass</h1><div id=body>{STORY}</div></article>",
         [("into to", 0)], "document.querySelector('#body')", ["Storm closes"],
         attrs='data-root="#body"'),
]
