"""O site do curso (``python3 curso.py site``) construído e visitado num Chromium de verdade.

O site é construído numa pasta temporária (avisos do Sphinx são erros), servido em 127.0.0.1
e cada página é aberta no Chromium do Debian pelo Playwright: toda página e todo recurso
respondem 200, nenhum pedido sai da máquina, nenhum link interno ou imagem está quebrado,
nenhuma fórmula fica em TeX cru, o console fica sem erros e o axe-core não acha violação
crítica ou séria de acessibilidade, no tema claro e no escuro. A captura da primeira lição vai
para ``artefatos-de-teste/site_licao_01.png``. Sem ``/usr/bin/chromium`` o teste é pulado.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from .apoio_site import CHROMIUM, chromium, servir

RAIZ = Path(__file__).resolve().parents[2]
ARTEFATOS = RAIZ / "artefatos-de-teste"

pytestmark = [pytest.mark.lento, pytest.mark.navegador]


def _construtor():
    spec = importlib.util.spec_from_file_location("construir_site", RAIZ / "docs" / "construir.py")
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    pytest.importorskip("sphinx", reason="instale as dependências do site (requirements.txt)")
    saida = tmp_path_factory.mktemp("site")
    assert _construtor().construir(saida) == 0, "o Sphinx falhou (avisos contam como erros)"
    return saida / "html"


@pytest.fixture(scope="module")
def navegador(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium não encontrado em {CHROMIUM}: instale com apt-get install chromium")
    with chromium(tmp_path_factory.mktemp("perfil")) as contexto:
        yield contexto


def _paginas(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if "_static" not in p.parts)


def _ids(html: Path, pagina: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', (html / pagina).read_text(encoding="utf-8")))


def test_paginas_seguem_os_notebooks_em_ordem(site):
    """Uma página por notebook (lições e soluções), mais a inicial, o glossário e "como rodar"."""
    notebooks = sorted(p.relative_to(RAIZ).with_suffix(".html").as_posix()
                       for p in (RAIZ / "notebooks").rglob("[0-9][0-9]_*.ipynb")
                       if ".ipynb_checkpoints" not in p.parts)
    paginas = _paginas(site)
    assert set(notebooks) | {"index.html", "glossario.html", "como_rodar.html"} <= set(paginas)
    indice = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR"' in indice
    licoes = [n for n in notebooks if "/solucoes/" not in n]
    posicoes = [indice.find(f'href="{n}"') for n in licoes]
    assert -1 not in posicoes and posicoes == sorted(posicoes), "lições fora da ordem na navegação"
    for notebook in notebooks:
        _conferir_figuras_das_saidas(site, notebook)
    glossario = (site / "glossario.html").read_text(encoding="utf-8")
    assert "correlação cruzada" in glossario and "<table" in glossario


def _conferir_figuras_das_saidas(site: Path, pagina: str) -> None:
    """Cada figura (PNG) das saídas do notebook está na página, inclusive a dos exploradores."""
    nb = json.loads((RAIZ / pagina).with_suffix(".ipynb").read_text(encoding="utf-8"))
    figuras = {"".join(saida["data"]["image/png"]) for celula in nb["cells"]
               for saida in celula.get("outputs", []) if "image/png" in saida.get("data", {})}
    html = (site / pagina).read_text(encoding="utf-8")
    na_pagina = set(re.findall(r'<img [^>]*src="[./]*_images/([0-9a-f]{64})\.png"', html))
    assert len(na_pagina) >= len(figuras), f"{pagina}: {len(figuras)} figuras, {len(na_pagina)} na página"


def _abrir(pagina, url: str) -> None:
    resposta = pagina.goto(url, wait_until="load")
    assert resposta is not None and resposta.status == 200, f"{url}: {resposta and resposta.status}"
    pagina.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
    # Transições de cor (troca de tema) terminadas antes de medir o contraste.
    pagina.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished))")


def _violacoes_axe(pagina, estado: dict) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # O axe busca de novo as folhas de estilo (e resolve os @import pela página, não pela
    # folha): esses pedidos não são do site e ficam de fora da conferência de respostas.
    estado["axe"] = True
    try:
        resultado = Axe().run(pagina).response
    finally:
        estado["axe"] = False
    return [f"{v['id']} ({v['impact']}): {v['help']} em {[n['target'] for n in v['nodes']][:3]}"
            for v in resultado["violations"] if v["impact"] in ("critical", "serious")]


# Texto visível fora dos blocos de código e das fórmulas já desenhadas.
TEXTO_SEM_CODIGO = """() => {
  const artigo = document.querySelector('article') || document.body;
  const copia = artigo.cloneNode(true);
  copia.querySelectorAll('pre, code, mjx-container, script, style').forEach(n => n.remove());
  return copia.textContent;
}"""

LINKS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"
IMAGENS_QUEBRADAS = """() => Array.from(document.images)
  .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"""


def _conferir_pagina(pagina, url: str, site: Path, origem: str, problemas: list[str],
                     estado: dict) -> None:
    _abrir(pagina, url)
    texto = pagina.evaluate(TEXTO_SEM_CODIGO)
    for cru in ("$$", "\\frac", "\\(", "\\[", ":::", "```{"):
        if cru in texto:
            problemas.append(f"{url}: TeX ou diretiva MyST crua {cru!r} no texto")
    for src in pagina.evaluate(IMAGENS_QUEBRADAS):
        problemas.append(f"{url}: imagem quebrada {src}")
    for href in pagina.evaluate(LINKS):
        if not href.startswith(origem):
            continue
        alvo, fragmento = urldefrag(href)
        caminho = urlparse(alvo).path.lstrip("/") or "index.html"
        if caminho.endswith("/"):
            caminho += "index.html"
        if not (site / caminho).is_file():
            problemas.append(f"{url}: link quebrado {href}")
        elif fragmento and caminho.endswith(".html") and fragmento not in _ids(site, caminho):
            problemas.append(f"{url}: âncora inexistente {href}")
    for violacao in _violacoes_axe(pagina, estado):
        problemas.append(f"{url} (tema claro): {violacao}")


def test_site_no_navegador(site, navegador):
    """Todas as páginas no Chromium: 200, sem rede, links, imagens, fórmulas, console e axe."""
    erros_console: list[str] = []
    externos: list[str] = []
    problemas: list[str] = []
    falhas: list[str] = []
    estado = {"axe": False}
    with servir(site) as servidor:
        pagina = navegador.new_page()
        pagina.on("response", lambda r: not estado["axe"] and r.status not in (200, 304)
                  and falhas.append(f"{r.status} {r.url}"))
        pagina.on("requestfailed", lambda r: falhas.append(f"falhou {r.url}: {r.failure}"))
        pagina.on("console", lambda m: m.type == "error" and not estado["axe"] and erros_console.append(f"{pagina.url}: {m.text}"))
        pagina.on("pageerror", lambda e: erros_console.append(f"{pagina.url}: {e}"))
        pagina.on("request", lambda r: not r.url.startswith((servidor.url, "data:", "blob:"))
                  and externos.append(r.url))
        paginas = _paginas(site)
        for nome in paginas:
            _conferir_pagina(pagina, urljoin(servidor.url, nome), site, servidor.url, problemas,
                             estado)

        # Tema escuro: as mesmas cores de código e saídas têm de continuar legíveis.
        pagina.emulate_media(color_scheme="dark")
        for nome in ("index.html", _paginas_de_licao(paginas)[0]):
            _abrir(pagina, urljoin(servidor.url, nome))
            assert pagina.evaluate("document.documentElement.dataset.theme") == "dark"
            problemas += [f"{nome} (tema escuro): {v}" for v in _violacoes_axe(pagina, estado)]
        pagina.emulate_media(color_scheme="light")

        _conferir_licao_01(pagina, servidor.url, paginas)
        _conferir_busca(pagina, servidor.url)

    assert not falhas, "respostas sem 200:\n" + "\n".join(falhas)
    assert not externos, f"o site pediu recursos fora da máquina: {externos}"
    assert not erros_console, "erros no console:\n" + "\n".join(erros_console)
    assert not problemas, "\n".join(problemas)
    print(f"\n[site] {len(paginas)} páginas conferidas; pedidos: {len(servidor.respostas)}")


def _paginas_de_licao(paginas: list[str]) -> list[str]:
    return [p for p in paginas if re.fullmatch(r"notebooks/\d\d_[^/]+\.html", p)]


def _conferir_licao_01(pagina, url: str, paginas: list[str]) -> None:
    """A primeira lição: fórmulas desenhadas pelo MathJax, GIF visível; captura para os artefatos."""
    _abrir(pagina, urljoin(url, _paginas_de_licao(paginas)[0]))
    assert pagina.locator("mjx-container").count() > 0, "nenhuma fórmula desenhada pelo MathJax"
    gifs = pagina.evaluate("() => Array.from(document.images, i => [i.src, i.naturalWidth])"
                           ".filter(([s, w]) => s.endsWith('.gif') && w > 0).length")
    assert gifs > 0, "nenhum GIF carregado na primeira lição"
    ARTEFATOS.mkdir(exist_ok=True)
    pagina.screenshot(path=str(ARTEFATOS / "site_licao_01.png"), full_page=False)


def _conferir_busca(pagina, url: str) -> None:
    """A busca do site (índice gerado pelo Sphinx, no navegador) acha as lições."""
    _abrir(pagina, urljoin(url, "search.html?q=preenchimento"))
    resultados = pagina.locator("#search-results li")
    resultados.first.wait_for(timeout=15_000)
    assert resultados.count() >= 1
