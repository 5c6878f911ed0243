"""Configuração do Sphinx para o site do curso (``python3 curso.py site``).

As páginas não ficam aqui: ``docs/construir.py`` monta a fonte numa pasta ignorada
(``_site/fonte/``) a partir dos notebooks versionados e do README, e chama o Sphinx com
``-c docs``. Nada é reexecutado e nada vem da rede: o MathJax é servido pelo próprio site.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version as _versao  # "version" é uma opção do Sphinx
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

exclude_patterns = ["_build", "**.ipynb_checkpoints", "locale"]
# Os botões dos menus com nome em português e sem a barra de cima, escondida (veja _templates/).
# Só a partir do pydata-sphinx-theme 0.16, em que os menus do celular são <dialog> ligados ao
# primeiro botão da página; o 0.15 (o do lock para o Python 3.10) usa caixas de seleção.
templates_path = ([str(Path(__file__).parent / "_templates")]
                  if tuple(int(p) for p in _versao("pydata-sphinx-theme").split(".")[:2]) >= (0, 16)
                  else [])
# As frases do pydata-sphinx-theme em português: docs/locale/, copiada para a fonte.
locale_dirs = ["locale"]
html_static_path = [str(Path(__file__).parent / "_static")]
html_css_files = ["convaula.css"]
# Os exploradores sem kernel: o desenho do pacote (cena.js), servido pelo próprio site.
html_static_path.append(str(Path(__file__).resolve().parents[1] / "convaula" / "desenho" / "exploradores" / "js"))
html_css_files.append("cena.css")
html_js_files = [("convaula_site.js", {"type": "module"})]
html_favicon = str(Path(__file__).parent / "_static" / "favicon.svg")
html_title = "convaula"  # <title>: "01 — Convolução 1D… — convaula"
html_theme = "sphinx_book_theme"
html_theme_options = {
    "use_download_button": True,
    "use_fullscreen_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "home_page_in_toc": True,
    "search_bar_text": "Buscar no curso…",
}
html_context = {"default_mode": "auto"}  # claro ou escuro conforme o sistema do leitor
html_sourcelink_suffix = ""  # o botão de download entrega o .ipynb, não .ipynb.txt
html_last_updated_fmt = None
html_copy_source = True

# MathJax 3 sem CDN: os arquivos do pacote sphinx-mathjax-offline (PyPI) são copiados para
# _static/mathjax/ do site e a página os carrega de lá.
mathjax_path = "mathjax/tex-chtml.js"
# Página leve no celular: cada fórmula é desenhada quando chega perto da tela (ui/lazy; o TeX cru
# some logo na carga), sem medir a altura da fonte em volta de cada uma.
mathjax3_config = {"loader": {"load": ["ui/lazy"]}, "chtml": {"matchFontHeight": False}}


def _copiar_mathjax(app, excecao) -> None:
    if excecao is not None:
        return
    origem = Path(find_spec("sphinx-mathjax-offline").origin).parent / "static" / "mathjax"
    destino = Path(app.outdir) / "_static" / "mathjax"
    if not destino.exists():
        shutil.copytree(origem, destino, ignore=shutil.ignore_patterns("*.map"))


def _rotular_botoes_do_menu(app, excecao) -> None:
    """Dá nome aos botões que abrem e fecham as soluções no menu (o tema deixa só um ícone).

    E põe em português os rótulos que os modelos do tema deixam fixos em inglês."""
    if excecao is not None:
        return
    for pagina in Path(app.outdir).rglob("*.html"):
        texto = pagina.read_text(encoding="utf-8")
        novo = texto.replace('<summary><span class="toctree-toggle"',
                             '<summary aria-label="Mostrar ou esconder as soluções">'
                             '<span class="toctree-toggle"')
        # Os dois rótulos em inglês que ficam fixos nos modelos do sphinx-book-theme.
        novo = novo.replace('class="bd-links bd-docs-nav" aria-label="Main"',
                            'class="bd-links bd-docs-nav" aria-label="Lições"')
        novo = novo.replace('<nav aria-label="Page">', '<nav aria-label="Seções da página">')
        if novo != texto:
            pagina.write_text(novo, encoding="utf-8")


def _ordem_de_leitura(env) -> list[str]:
    """A página inicial e o que o seu índice inclui (as lições, depois a referência), em ordem."""
    return [env.config.root_doc, *env.toctree_includes.get(env.config.root_doc, [])]


def _anterior_e_proximo(app, pagename, templatename, context, doctree) -> None:
    """"Anterior" e "Próximo" seguem as lições; as soluções ficam fora da fila.

    No índice, as soluções de cada lição estão logo abaixo dela, e o Sphinx as poria entre uma
    lição e a seguinte. Aqui, o "Próximo" de uma lição é a lição seguinte; uma página de
    soluções volta para a sua lição e segue para a lição seguinte.
    """
    env = app.builder.env
    ordem = _ordem_de_leitura(env)
    if pagename in ordem:
        posicao = ordem.index(pagename)
    else:
        pais = [p for p in ordem if pagename in env.toctree_includes.get(p, [])]
        if not pais:
            return
        posicao = ordem.index(pais[0]) + 0.5  # entre a lição e a seguinte
    anterior = [d for i, d in enumerate(ordem) if i < posicao]
    seguinte = [d for i, d in enumerate(ordem) if i > posicao]

    def link(doc: str) -> dict:
        return {"link": app.builder.get_relative_uri(pagename, doc),
                "title": app.builder.render_partial(env.titles[doc])["title"]}

    context["prev"] = link(anterior[-1]) if anterior else None
    context["next"] = link(seguinte[0]) if seguinte else None


def setup(app) -> None:
    app.connect("html-page-context", _anterior_e_proximo)
    app.connect("build-finished", _copiar_mathjax)
    app.connect("build-finished", _rotular_botoes_do_menu)
