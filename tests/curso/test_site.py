"""O site do curso (``python3 curso.py site``) construído e visitado num Chromium de verdade.

O site é construído numa pasta temporária (avisos do Sphinx são erros), servido em 127.0.0.1
e cada página é aberta no Chromium do Debian pelo Playwright: toda página e todo recurso
respondem 200, nenhum pedido sai da máquina, nenhum link interno ou imagem está quebrado,
nenhuma fórmula fica em TeX cru, o console fica sem erros e o axe-core não acha violação
crítica ou séria de acessibilidade, no tema claro e no escuro. Num celular (390 px), num
tablete (768 px) e num computador (1400 px), cada botão visível faz o que promete (o menu das
lições e o das seções abrem), nenhuma página fica mais larga que a tela de 390 px, e a página
mais pesada carrega em menos de 1 s. "Próximo" segue as lições; os rótulos são em português.
As capturas vão para ``artefatos-de-teste/site_*.png``. Sem ``/usr/bin/chromium`` os testes do
navegador são pulados.
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


# ---------------------------------------------------------------------------------------------
# Navegação, títulos e rótulos (no HTML gerado)

# Frases em inglês dos modelos dos temas que o leitor veria (rótulo, dica ou texto de botão).
INGLES = ("Toggle primary sidebar", "Toggle secondary sidebar", "Color mode", "System Settings",
          "Search...", "Skip to main content", "Back to top", "Site navigation", "On this page",
          "next page", "previous page", '"Light"', '"Dark"', ">Light<", ">Dark<",
          'aria-label="Main"', 'aria-label="Page"')


def _vizinhos(site: Path, pagina: str) -> tuple[str | None, str | None]:
    """Os destinos de "anterior" e "próximo" da página, relativos à raiz do site."""
    html = (site / pagina).read_text(encoding="utf-8")

    def alvo(classe: str) -> str | None:
        casamento = re.search(rf'<a class="{classe}"\s+href="([^"]+)"', html)
        if casamento is None:
            return None
        return urlparse(urljoin(f"http://x/{pagina}", casamento.group(1))).path.lstrip("/")

    return alvo("left-prev"), alvo("right-next")


def test_proximo_segue_as_licoes_e_as_solucoes_ficam_com_a_licao(site):
    licoes = _paginas_de_licao(_paginas(site))
    assert len(licoes) >= 2
    for i, licao in enumerate(licoes):
        anterior, proximo = _vizinhos(site, licao)
        assert anterior == (licoes[i - 1] if i else "index.html"), f"{licao}: anterior {anterior}"
        if i + 1 < len(licoes):
            assert proximo == licoes[i + 1], f"{licao}: o próximo é {proximo}, não {licoes[i + 1]}"
        else:
            assert proximo is not None and "solucoes/" not in proximo
        html = (site / licao).read_text(encoding="utf-8")
        numero = Path(licao).name[:2]
        for solucao in (site / "notebooks" / "solucoes").glob(f"{numero}_*.html"):
            # A solução é alcançada da lição (links no texto), e volta para ela.
            assert html.count(f'href="solucoes/{solucao.name}"') >= 2, f"{licao}: sem link para {solucao.name}"
            rel = solucao.relative_to(site).as_posix()
            anterior, proximo = _vizinhos(site, rel)
            assert anterior == licao, f"{rel}: anterior {anterior}"
            assert proximo == (licoes[i + 1] if i + 1 < len(licoes) else _vizinhos(site, licao)[1])


def test_titulos_e_rotulos_em_portugues(site):
    for pagina in _paginas(site):
        html = (site / pagina).read_text(encoding="utf-8")
        titulo = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert titulo.lower().count("convaula") == 1, f"{pagina}: título {titulo!r}"
        achadas = [frase for frase in INGLES if frase in html]
        assert not achadas, f"{pagina}: rótulos em inglês {achadas}"


def test_exercicios_dizem_como_responder(site):
    """Cada célula de resposta ainda vazia vem seguida de como responder (abrir o notebook)."""
    for licao in _paginas_de_licao(_paginas(site)):
        nb = json.loads((RAIZ / licao).with_suffix(".ipynb").read_text(encoding="utf-8"))
        vazias = sum(any("ainda sem resposta" in "".join(o.get("text", "")) for o in c.get("outputs", []))
                     for c in nb["cells"])
        html = (site / licao).read_text(encoding="utf-8")
        notas = html.count("convaula-responder")
        assert notas == vazias, f"{licao}: {vazias} células de resposta, {notas} notas"
        if vazias:
            assert "python3 curso.py abrir" in html


# ---------------------------------------------------------------------------------------------
# Celular, tablete e computador

LARGURAS = (390, 768, 1400)

BOTOES_VISIVEIS = """() => Array.from(document.querySelectorAll('button, summary, input, select'))
  .filter(b => { const r = b.getBoundingClientRect(), s = getComputedStyle(b);
                 return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'
                        && !b.closest('dialog:not([open])') && !b.closest('.bd-article'); })
  .map(b => ({classe: b.className, nome: b.getAttribute('aria-label') || b.title
              || b.textContent.trim()}))"""

# Cada controle dos menus e o que ele tem de fazer; um botão visível fora desta lista reprova.
CONTROLES = ("primary-toggle", "secondary-toggle", "dropdown-toggle", "theme-switch-button",
             "search-button", "search-button-field", "back-to-top")


def _aberto(pagina, seletor: str) -> bool:
    return pagina.evaluate(f"() => !!document.querySelector('{seletor}')?.open")


def _fechar_dialogo(pagina, seletor: str) -> None:
    pagina.keyboard.press("Escape")
    pagina.wait_for_function(f"() => !document.querySelector('{seletor}').open", timeout=5_000)


def _conferir_controles(pagina, largura: int, nome_captura: str) -> list[str]:
    """Clica em cada controle visível do topo e do menu e confere o efeito; devolve problemas."""
    problemas = []
    botoes = pagina.evaluate(BOTOES_VISIVEIS)
    for botao in botoes:
        if not botao["nome"] or not any(c in botao["classe"].split() for c in CONTROLES):
            if "toctree-toggle" not in botao["classe"] and botao["classe"] != "":
                problemas.append(f"{largura} px: controle sem conferência {botao}")
    classes = " ".join(b["classe"] for b in botoes)
    if largura >= 992:
        barra = pagina.locator("#pst-primary-sidebar")
        pagina.locator(".primary-toggle:visible").click()
        if "pst-sidebar-hidden" not in (barra.get_attribute("class") or ""):
            problemas.append(f"{largura} px: o botão do menu não esconde a lista das lições")
        pagina.locator(".primary-toggle:visible").click()
        if "pst-sidebar-hidden" in (barra.get_attribute("class") or ""):
            problemas.append(f"{largura} px: o botão do menu não mostra a lista de volta")
    else:
        pagina.locator(".primary-toggle:visible").click()
        try:
            pagina.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open",
                                     timeout=5_000)
            if pagina.locator("#pst-primary-sidebar-modal a.reference", has_text="02").count() == 0:
                problemas.append(f"{largura} px: o menu abriu sem a lista das lições")
            pagina.screenshot(path=str(ARTEFATOS / nome_captura))
            _fechar_dialogo(pagina, "#pst-primary-sidebar-modal")
        except Exception as erro:  # noqa: BLE001 - vira mensagem do teste
            problemas.append(f"{largura} px: o botão do menu não abre a lista das lições ({erro})")
    if "secondary-toggle" in classes:
        pagina.locator(".secondary-toggle:visible").click()
        try:
            pagina.wait_for_function("() => document.querySelector('#pst-secondary-sidebar-modal').open",
                                     timeout=5_000)
            if pagina.locator("#pst-secondary-sidebar-modal .toc-entry").count() == 0:
                problemas.append(f"{largura} px: o índice da página abriu vazio")
            _fechar_dialogo(pagina, "#pst-secondary-sidebar-modal")
        except Exception as erro:  # noqa: BLE001
            problemas.append(f"{largura} px: o botão das seções não abre o índice ({erro})")
    elif largura < 992:
        problemas.append(f"{largura} px: sem o botão das seções da página")
    # Baixar: o menu com o .ipynb.
    pagina.locator(".dropdown-download-buttons .dropdown-toggle").click()
    if not pagina.locator(".dropdown-download-buttons a[href$='.ipynb']").is_visible():
        problemas.append(f"{largura} px: o menu de baixar não abre")
    pagina.keyboard.press("Escape")
    # Tema: o menu abre e "Escuro" escurece a página; "Como o sistema" volta ao normal.
    pagina.locator(".theme-switch-button").click()
    escuro = pagina.locator(".theme-change-button[data-mode='dark']")
    if not escuro.is_visible() or escuro.inner_text().strip() != "Escuro":
        problemas.append(f"{largura} px: o menu do tema não abre em português")
    else:
        escuro.click()
        if pagina.evaluate("document.documentElement.dataset.theme") != "dark":
            problemas.append(f"{largura} px: 'Escuro' não escureceu a página")
        pagina.locator(".theme-switch-button").click()
        pagina.locator(".theme-change-button[data-mode='auto']").click()
    # Busca: um só campo visível, que abre a caixa de busca.
    buscas = pagina.locator(".search-button__button:visible")
    if buscas.count() != 1:
        problemas.append(f"{largura} px: {buscas.count()} botões de busca visíveis (deve ser 1)")
    if buscas.count():
        buscas.first.click()
        if not _aberto(pagina, "#pst-search-dialog"):
            problemas.append(f"{largura} px: o botão de busca não abre a caixa de busca")
        else:
            _fechar_dialogo(pagina, "#pst-search-dialog")
    return problemas


def test_menus_funcionam_no_celular_no_tablete_e_no_computador(site, navegador):
    """390, 768 e 1400 px: cada controle visível responde; o menu das lições abre no celular."""
    ARTEFATOS.mkdir(exist_ok=True)
    licao = _paginas_de_licao(_paginas(site))[0]
    problemas: list[str] = []
    erros: list[str] = []
    with servir(site) as servidor:
        pagina = navegador.new_page()
        pagina.on("pageerror", lambda e: erros.append(str(e)))
        for largura in LARGURAS:
            pagina.set_viewport_size({"width": largura, "height": 844 if largura < 992 else 900})
            _abrir(pagina, urljoin(servidor.url, licao))
            if largura >= 992:  # no computador, a lista das lições já fica aberta ao lado
                pagina.screenshot(path=str(ARTEFATOS / f"site_{largura}_menu_aberto.png"))
            problemas += _conferir_controles(pagina, largura, f"site_{largura}_menu_aberto.png")
        # O menu aberto no celular também passa pelo axe (contraste, nomes dos botões).
        pagina.set_viewport_size({"width": 390, "height": 844})
        _abrir(pagina, urljoin(servidor.url, licao))
        pagina.locator(".primary-toggle:visible").click()
        pagina.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal').open")
        problemas += [f"390 px, menu aberto: {v}" for v in _violacoes_axe(pagina, {"axe": False})]
        pagina.close()
    assert not erros, f"erros de JavaScript: {erros}"
    assert not problemas, "\n".join(problemas)


def test_nenhuma_pagina_mais_larga_que_o_celular(site, navegador):
    """A 390 px, nenhuma página rola para o lado, e o "Próximo" cabe na tela."""
    largas = []
    with servir(site) as servidor:
        pagina = navegador.new_page()
        pagina.set_viewport_size({"width": 390, "height": 844})
        for nome in _paginas(site):
            pagina.goto(urljoin(servidor.url, nome), wait_until="load")
            largura = pagina.evaluate("document.documentElement.scrollWidth")
            if largura > 390:
                largas.append(f"{nome}: {largura} px")
            proximo = pagina.evaluate("() => document.querySelector('.right-next')"
                                      "?.getBoundingClientRect().right ?? 0")
            if proximo > 390:
                largas.append(f"{nome}: o 'Próximo' vai até {proximo:.0f} px")
        pagina.close()
    assert not largas, "mais largas que 390 px:\n" + "\n".join(largas)


TEMPO_DE_CARGA = """() => { const n = performance.getEntriesByType('navigation')[0];
  return n.loadEventEnd - n.startTime; }"""


def test_a_pagina_mais_pesada_carrega_em_menos_de_1_s(site, navegador):
    """A página com o maior HTML, servida em 127.0.0.1: do pedido ao fim do ``load``.

    Vale a melhor de cinco cargas (com cache, como o leitor que passa de uma página à outra):
    numa máquina ocupada por outros processos, uma carga isolada pode passar da meta sem que o
    site tenha mudado.
    """
    maior = max(_paginas(site), key=lambda p: (site / p).stat().st_size)
    with servir(site) as servidor:
        pagina = navegador.new_page()
        tempos = []
        for _ in range(5):
            pagina.goto(urljoin(servidor.url, maior), wait_until="load")
            tempos.append(pagina.evaluate(TEMPO_DE_CARGA))
        pagina.close()
    print(f"\n[site] {maior} ({(site / maior).stat().st_size / 1e6:.1f} MB): "
          f"carga em {', '.join(f'{t:.0f}' for t in tempos)} ms")
    assert min(tempos) < 1000, f"{maior}: {tempos} ms"
