"""Configuração do Sphinx para o site do curso (``python3 curso.py site``).

As páginas não ficam aqui: ``docs/construir.py`` monta a fonte numa pasta ignorada
(``_site/fonte/``) a partir dos notebooks versionados e do README, e chama o Sphinx com
``-c docs``. Nada é reexecutado e nada vem da rede: o MathJax é servido pelo próprio site.
"""

from __future__ import annotations

import shutil
from importlib.util import find_spec
from pathlib import Path

project = "convaula"
author = "Curso convaula"
copyright = "Curso convaula"
language = "pt_BR"  # <html lang="pt-BR"> e a busca com o radical do português

extensions = ["myst_nb"]
nb_execution_mode = "off"  # as saídas são as versionadas (o nbval as confere)
nb_merge_streams = True
nb_ipywidgets_js: dict = {}  # sem o JavaScript dos widgets, que viria de CDN (e sem kernel não há widget)
# Dos exploradores interativos, o site mostra a figura estática que vai junto na saída.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]  # estado dos widgets: não há kernel no site

exclude_patterns = ["_build", "**.ipynb_checkpoints"]
templates_path: list[str] = []
html_static_path = [str(Path(__file__).parent / "_static")]
html_css_files = ["convaula.css"]
# Os exploradores sem kernel: o desenho do pacote (cena.js), servido pelo próprio site.
html_static_path.append(str(Path(__file__).resolve().parents[1] / "convaula" / "desenho" / "exploradores" / "js"))
html_css_files.append("cena.css")
html_js_files = [("convaula_site.js", {"type": "module"})]
html_favicon = str(Path(__file__).parent / "_static" / "favicon.svg")
html_title = "convaula — convoluções em PyTorch"
html_theme = "sphinx_book_theme"
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "home_page_in_toc": True,
}
html_context = {"default_mode": "auto"}  # claro ou escuro conforme o sistema do leitor
html_sourcelink_suffix = ""  # o botão de download entrega o .ipynb, não .ipynb.txt
html_last_updated_fmt = None
html_copy_source = True

# MathJax 3 sem CDN: os arquivos do pacote sphinx-mathjax-offline (PyPI) são copiados para
# _static/mathjax/ do site e a página os carrega de lá.
mathjax_path = "mathjax/tex-chtml.js"


def _copiar_mathjax(app, excecao) -> None:
    if excecao is not None:
        return
    origem = Path(find_spec("sphinx-mathjax-offline").origin).parent / "static" / "mathjax"
    destino = Path(app.outdir) / "_static" / "mathjax"
    if not destino.exists():
        shutil.copytree(origem, destino, ignore=shutil.ignore_patterns("*.map"))


def _rotular_botoes_do_menu(app, excecao) -> None:
    """Dá nome aos botões que abrem e fecham as soluções no menu (o tema deixa só um ícone)."""
    if excecao is not None:
        return
    for pagina in Path(app.outdir).rglob("*.html"):
        texto = pagina.read_text(encoding="utf-8")
        novo = texto.replace('<summary><span class="toctree-toggle"',
                             '<summary aria-label="Mostrar ou esconder as soluções">'
                             '<span class="toctree-toggle"')
        if novo != texto:
            pagina.write_text(novo, encoding="utf-8")


def setup(app) -> None:
    app.connect("build-finished", _copiar_mathjax)
    app.connect("build-finished", _rotular_botoes_do_menu)
