# Inkwell, a short letterpress course: Sphinx with the Furo theme. Folio's search box is added
# by _templates/sidebar/search.html, which replaces Furo's own sidebar search form.
project = "Inkwell"
copyright = "2026, the Marbleside Print Club"
author = "the Marbleside Print Club"

extensions = ["sphinx_reredirects"]
html_theme = "furo"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
exclude_patterns = ["_build"]

redirects = {
    "lessons/setting-type": "composing.html",
    "old-index": "index.html",
}
