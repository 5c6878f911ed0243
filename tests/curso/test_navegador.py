"""Os exploradores como o estudante os encontra: JupyterLab num Chromium de verdade.

Os testes sem navegador garantem os números; este garante que o widget aparece. Ele inicia o
JupyterLab deste ambiente em 127.0.0.1 (porta livre, token), abre no Chromium do Debian
(headless, via Playwright) uma CÓPIA do notebook 03 sem saídas, roda todas as células pelo
menu Run, espera o explorador, move o slider ``padding`` com a seta do teclado e confere que a
figura e a fórmula do tamanho da saída mudaram, que nenhuma célula deu erro e que o widget não
caiu na representação em texto (sinal de extensão do JupyterLab ausente). Depois passa o
mouse numa célula da saída (a janela e a soma mudam) e num peso da janela (acendem as células
que ele multiplica): os eventos chegam pelo ipyevents. O laboratório de núcleos (num notebook
gerado) é conferido do mesmo jeito: slider pelo teclado, ponteiro num pixel e num peso. As
capturas ficam em ``artefatos-de-teste/navegador_explorador_conv2d.png`` e
``navegador_laboratorio_nucleos.png``.

Sem ``/usr/bin/chromium`` o teste é pulado com o motivo (``apt-get install chromium``).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
import warnings
from pathlib import Path

import nbformat
import pytest

from .apoio_navegador import CHROMIUM, chromium, jupyterlab
from convaula.desenho import explorar_conv2d
from convaula.formulas import tamanho_saida

RAIZ = Path(__file__).resolve().parents[2]
NOTEBOOK = RAIZ / "notebooks" / "03_padding_stride_dilatacao.ipynb"
ARTEFATOS = RAIZ / "artefatos-de-teste"
CAPTURA = ARTEFATOS / "navegador_explorador_conv2d.png"
CAPTURA_LABORATORIO = ARTEFATOS / "navegador_laboratorio_nucleos.png"
CAPTURA_FALHA = ARTEFATOS / "navegador_falha.png"  # a página inteira quando o teste falha
LOG_FALHA = ARTEFATOS / "navegador_jupyterlab.log"  # o log do servidor quando o teste falha
CHAMADA = "explorar_conv2d("
# O que aparece no lugar do widget quando o JupyterLab não consegue mostrá-lo.
TEXTOS_RESERVA = ("Explorador conv2d:", "VBox(", "Error displaying widget", "Loading widget")
LIMITE_MS = 90_000  # cada espera; o teste todo leva ~30 s numa máquina de 2 núcleos

# Lê, do modelo do notebook aberto, o que cada célula de código produziu.
JS_SAIDAS = """(caminho) => {
  const painel = window.jupyterapp.shell.currentWidget;
  if (!painel || !painel.context || painel.context.path !== caminho) return null;
  const celulas = painel.content.model.cells, resultado = [];
  for (let i = 0; i < celulas.length; i++) {
    const celula = celulas.get(i);
    if (celula.type !== 'code') continue;
    resultado.push({indice: i, contagem: celula.executionCount,
                    saidas: celula.outputs.toJSON().map(s => ({
                      tipo: s.output_type, nome: s.name || null, ename: s.ename || null,
                      evalue: s.evalue || null, texto: typeof s.text === 'string' ? s.text :
                        (s.text || []).join(''), mimes: Object.keys(s.data || {})}))});
  }
  return resultado;
}"""

# Estado do kernel do notebook aberto ("idle" quando pronto; antes disso, clicar em Run All
# abre o diálogo "Select Kernel").
JS_KERNEL = """() => {
  const painel = window.jupyterapp.shell.currentWidget, sessao = painel && painel.sessionContext;
  return sessao && sessao.session && sessao.session.kernel ? sessao.kernelDisplayStatus : null;
}"""

# Prompts das células de código: "[*]:" enquanto na fila ou rodando.
JS_PROMPTS = """() => Array.from(document.querySelectorAll(
  '.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')).map(p => p.textContent.trim())"""


def _notebook_do_teste(destino: Path) -> tuple[Path, int]:
    """Copia o notebook 03 (sem saídas) para ``destino``; sem ele, gera um mínimo e avisa.

    Retorna o caminho da cópia (relativo a ``destino``) e o índice da célula do explorador.
    """
    if NOTEBOOK.exists() and CHAMADA in NOTEBOOK.read_text(encoding="utf-8"):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        if (RAIZ / "figures").is_dir():  # o markdown mostra figuras por ../figures/
            shutil.copytree(RAIZ / "figures", destino / "figures")
    else:
        warnings.warn(f"{NOTEBOOK.relative_to(RAIZ)} não existe ou não chama {CHAMADA}); "
                      "o teste do navegador usou um notebook gerado", stacklevel=2)
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell("# Explorador 2D"),
                    nbformat.v4.new_code_cell("from convaula.desenho import explorar_conv2d\n\nexplorar_conv2d()")]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for celula in nb.cells:
        if celula.cell_type == "code":
            celula.outputs, celula.execution_count = [], None
    indice = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and CHAMADA in c.source)
    relativo = Path("notebooks") / NOTEBOOK.name
    (destino / "notebooks").mkdir(parents=True)
    nbformat.write(nb, destino / relativo)
    return relativo, indice


def _esperar(condicao, descricao: str, limite_s: float = LIMITE_MS / 1000, intervalo_s: float = 0.25):
    """Repete ``condicao()`` até ela devolver algo verdadeiro; falha com ``descricao``."""
    fim = time.monotonic() + limite_s
    while True:
        valor = condicao()
        if valor:
            return valor
        if time.monotonic() > fim:
            raise AssertionError(f"esperei {limite_s:.0f} s por: {descricao}")
        time.sleep(intervalo_s)


def _rodar_tudo(pagina, caminho: str) -> list[dict]:
    """Run > Run All Cells e espera a fila acabar; devolve as saídas de cada célula de código."""
    pagina.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LIMITE_MS)
    _esperar(lambda: pagina.evaluate(JS_SAIDAS, caminho) is not None, f"o notebook {caminho} aberto")
    _esperar(lambda: pagina.evaluate(JS_KERNEL) == "idle", "o kernel do notebook ficar pronto")
    pagina.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    pagina.locator("li[data-command='runmenu:run-all']").click()
    _esperar(lambda: any(p == "[*]:" for p in pagina.evaluate(JS_PROMPTS))
             or all(re.fullmatch(r"\[\d+\]:", p) for p in pagina.evaluate(JS_PROMPTS)), "o início da execução", 30)
    _esperar(lambda: "[*]:" not in pagina.evaluate(JS_PROMPTS) and pagina.evaluate(JS_KERNEL) == "idle",
             "o fim da execução de todas as células")
    return pagina.evaluate(JS_SAIDAS, caminho)


def _problemas(celulas: list[dict]) -> list[str]:
    """Células com erro, com saída em stderr ou que não rodaram."""
    problemas = []
    for celula in celulas:
        if celula["contagem"] is None:
            problemas.append(f"célula {celula['indice']} não foi executada")
        for saida in celula["saidas"]:
            if saida["tipo"] == "error":
                problemas.append(f"célula {celula['indice']}: {saida['ename']}: {saida['evalue']}")
            elif saida["tipo"] == "stream" and saida["nome"] == "stderr":
                problemas.append(f"célula {celula['indice']} escreveu em stderr: {saida['texto'][:300]!r}")
    return problemas


def _imagem(explorador) -> tuple[str, bytes]:
    """(src, PNG da tela) da figura do explorador, depois que ela carregou."""
    figura = explorador.locator("img.convaula-figura")
    _esperar(lambda: figura.evaluate("i => i.complete && i.naturalWidth > 0"), "a figura do explorador carregar")
    return figura.get_attribute("src"), figura.screenshot()


def _slider(explorador, nome: str):
    rotulo = explorador.page.locator(".widget-label", has_text=re.compile(f"^{re.escape(nome)}$"))
    return explorador.locator(".widget-slider").filter(has=rotulo)


def _valor(slider) -> int:
    return int(slider.locator(".widget-readout").inner_text().strip())


def _saida_esperada(explorador) -> str:
    """O tamanho da saída calculado pelo pacote com os valores que os sliders mostram na tela."""
    v = {nome: _valor(_slider(explorador, nome)) for nome in ("n", "kernel_size", "padding", "stride", "dilation")}
    lado = tamanho_saida(v["n"], v["kernel_size"], stride=v["stride"], padding=v["padding"], dilation=v["dilation"])
    return f"saída: {lado}×{lado}"


def _explorador_renderizado(pagina, celulas: list[dict], indice: int):
    """O explorador como widget na célula ``indice`` (falha se virou texto de reserva)."""
    saidas = next(c["saidas"] for c in celulas if c["indice"] == indice)
    assert any("application/vnd.jupyter.widget-view+json" in s["mimes"] for s in saidas), saidas
    celula = pagina.locator(".jp-Notebook .jp-Cell").nth(indice)
    explorador = celula.locator(".jp-OutputArea-output .convaula-explorador").first
    na_tela = celula.locator(".jp-OutputArea")
    _esperar(lambda: explorador.count() > 0 or any(t in na_tela.inner_text() for t in TEXTOS_RESERVA),
             "o explorador (ou o seu texto de reserva) aparecer", 30)
    texto = na_tela.inner_text()
    for sinal in TEXTOS_RESERVA:
        assert sinal not in texto, (f"o explorador apareceu como texto ({sinal!r}), não como widget: falta a "
                                    f"extensão @jupyter-widgets/jupyterlab-manager? Saída: {texto[:300]!r}")
    _esperar(lambda: explorador.locator("img.convaula-figura").count() > 0, "a figura dentro do explorador", 30)
    assert explorador.locator(".widget-slider").count() >= 6  # n, kernel_size, padding, stride, dilation, posição
    return explorador


def _mover_padding(pagina, explorador) -> None:
    """Foca o slider padding e aperta uma seta (direita, ou esquerda se já está no máximo)."""
    slider = _slider(explorador, "padding")
    alca = slider.locator(".noUi-handle")
    valor, maximo = _valor(slider), int(float(alca.get_attribute("aria-valuemax")))
    novo, tecla = (valor + 1, "ArrowRight") if valor < maximo else (valor - 1, "ArrowLeft")
    alca.focus()
    pagina.keyboard.press(tecla)
    _esperar(lambda: _valor(slider) == novo, f"padding = {novo} depois de {tecla}", 30)


@pytest.mark.lento
@pytest.mark.navegador
def test_explorador_conv2d_no_jupyterlab():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium não encontrado em {CHROMIUM}: instale com apt-get install chromium")
    ARTEFATOS.mkdir(exist_ok=True)
    for antigo in (CAPTURA, CAPTURA_FALHA, LOG_FALHA):  # nada de uma execução anterior
        antigo.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="convaula-navegador-", ignore_cleanup_errors=True) as pasta:
        pasta = Path(pasta)
        relativo, indice = _notebook_do_teste(pasta / "curso")
        with jupyterlab(pasta / "curso", pasta) as servidor, chromium(pasta / "perfil-chromium") as pagina:
            try:
                _conferir_explorador(pagina, servidor.endereco(f"lab/tree/{relativo.as_posix()}"),
                                     relativo.as_posix(), indice)
            except BaseException:
                LOG_FALHA.write_text(servidor.fim_do_log(20_000))
                pagina.screenshot(path=str(CAPTURA_FALHA), full_page=True, timeout=10_000)
                raise


def _conferir_explorador(pagina, url: str, caminho: str, indice: int) -> None:
    """Roda o notebook, confere que não houve erro, mexe no slider e confere figura e fórmula."""
    pagina.goto(url, timeout=LIMITE_MS)
    celulas = _rodar_tudo(pagina, caminho)
    problemas = _problemas(celulas)
    assert not problemas, "o notebook não rodou limpo no JupyterLab:\n" + "\n".join(problemas)
    explorador = _explorador_renderizado(pagina, celulas, indice)

    formula = explorador.locator(".convaula-formula")
    formula_antes = formula.inner_text()
    assert _saida_esperada(explorador) in formula_antes, formula_antes
    src_antes, png_antes = _imagem(explorador)
    _mover_padding(pagina, explorador)
    _esperar(lambda: formula.inner_text() != formula_antes, "a fórmula mudar depois do slider", 30)
    _esperar(lambda: explorador.locator("img.convaula-figura").get_attribute("src") != src_antes,
             "uma figura nova depois do slider", 30)
    _, png_depois = _imagem(explorador)
    assert _saida_esperada(explorador) in formula.inner_text(), formula.inner_text()
    assert png_depois != png_antes, "a figura na tela é a mesma depois de mover o slider"
    _conferir_ponteiro(pagina, explorador)
    explorador.scroll_into_view_if_needed()
    pagina.screenshot(path=str(CAPTURA))


def _na_tela(imagem, x_natural: float, y_natural: float) -> tuple[float, float]:
    """Ponto da tela do pixel (x, y) da imagem, que o navegador pode mostrar reduzida."""
    caixa = imagem.bounding_box()
    largura, altura = imagem.evaluate("i => [i.naturalWidth, i.naturalHeight]")
    return caixa["x"] + x_natural * caixa["width"] / largura, caixa["y"] + y_natural * caixa["height"] / altura


def _pixel_do_desenho(desenho, cx: float, cy: float) -> tuple[float, float]:
    x, y = desenho.ax.transData.transform((cx, cy))
    return x, desenho.figura.canvas.get_width_height()[1] - y


def _conferir_ponteiro(pagina, explorador) -> None:
    """Passa o mouse numa célula da saída (a janela e a soma mudam) e num peso (acende as compartilhadas).

    As posições vêm de um explorador igual, construído aqui com os valores que a tela mostra.
    """
    v = {nome: _valor(_slider(explorador, nome)) for nome in ("n", "kernel_size", "padding", "stride", "dilation")}
    local = explorar_conv2d(**v)
    texto, figura = explorador.locator(".convaula-ponteiro"), explorador.locator("img.convaula-figura")
    texto.scroll_into_view_if_needed()
    antes, src_antes = texto.inner_text(), figura.get_attribute("src")
    i, j = local.forma_saida[0] - 1, local.forma_saida[1] - 1  # o canto: longe da posição 0 do slider
    pagina.mouse.move(*_na_tela(figura, *_pixel_do_desenho(local.desenho, local.desenho.x0_saida + j + 0.5,
                                                           local.desenho.y0_saida + i + 0.5)))
    _esperar(lambda: f"y[{i}, {j}] = soma" in texto.inner_text(), f"o texto da saída ({i}, {j}) sob o ponteiro", 30)
    _esperar(lambda: figura.get_attribute("src") != src_antes, "a figura nova com a janela em outra saída", 30)
    assert texto.inner_text() != antes
    local.posicao.value = i * local.forma_saida[1] + j
    r, c = local.estado.celulas_janela()[1]  # o peso (0, 1) da janela que agora está lá
    src_antes = figura.get_attribute("src")
    pagina.mouse.move(*_na_tela(figura, *_pixel_do_desenho(local.desenho, c + 0.5, r + 0.5)))
    _esperar(lambda: "peso w[0, 1]" in texto.inner_text(), "o texto do peso compartilhado sob o ponteiro", 30)
    _esperar(lambda: figura.get_attribute("src") != src_antes, "a figura com as células do peso acesas", 30)


@pytest.mark.lento
@pytest.mark.navegador
def test_laboratorio_de_nucleos_no_jupyterlab():
    """Slider (teclado), ponteiro num pixel da saída e num peso do laboratório de núcleos."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium não encontrado em {CHROMIUM}: instale com apt-get install chromium")
    ARTEFATOS.mkdir(exist_ok=True)
    CAPTURA_LABORATORIO.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="convaula-navegador-", ignore_cleanup_errors=True) as pasta:
        pasta = Path(pasta)
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell("# Laboratório de núcleos"),
                    nbformat.v4.new_code_cell("from convaula.desenho import explorar_nucleos\n\nexplorar_nucleos()")]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        (pasta / "curso").mkdir()
        nbformat.write(nb, pasta / "curso" / "laboratorio.ipynb")
        with jupyterlab(pasta / "curso", pasta) as servidor, chromium(pasta / "perfil-chromium") as pagina:
            try:
                pagina.goto(servidor.endereco("lab/tree/laboratorio.ipynb"), timeout=LIMITE_MS)
                celulas = _rodar_tudo(pagina, "laboratorio.ipynb")
                assert not _problemas(celulas), _problemas(celulas)
                _conferir_laboratorio(pagina)
            except BaseException:
                LOG_FALHA.write_text(servidor.fim_do_log(20_000))
                pagina.screenshot(path=str(CAPTURA_FALHA), full_page=True, timeout=10_000)
                raise


def _conferir_laboratorio(pagina) -> None:
    lab = pagina.locator(".convaula-laboratorio").first
    _esperar(lambda: lab.count() > 0, "o laboratório aparecer", 60)
    produtos, saida, nucleo = lab.locator(".convaula-produtos"), lab.locator("img.convaula-saida"), \
        lab.locator("img.convaula-nucleo")
    _esperar(lambda: saida.evaluate("i => i.complete && i.naturalWidth > 0"), "a imagem da saída carregar")
    antes = produtos.inner_text()
    slider = _slider(lab, "linha")
    alca, valor = slider.locator(".noUi-handle"), _valor(slider)
    alca.focus()
    pagina.keyboard.press("ArrowRight")
    _esperar(lambda: f"pixel ({valor + 1}," in produtos.inner_text(), "o pixel seguir o slider linha", 30)
    assert produtos.inner_text() != antes
    saida.scroll_into_view_if_needed()
    src_antes = saida.get_attribute("src")
    pagina.mouse.move(*_na_tela(saida, 40.5, 30.5))  # a imagem na tela pode estar reduzida: ±1 pixel
    perto = re.compile(r"pixel \((29|30|31), (39|40|41)\)")
    _esperar(lambda: perto.search(produtos.inner_text()), "o pixel (30, 40) sob o ponteiro", 30)
    _esperar(lambda: saida.get_attribute("src") != src_antes, "a janela desenhada no pixel novo", 30)
    src_nucleo = nucleo.get_attribute("src")
    pagina.mouse.move(*_na_tela(nucleo, 48 * 2 + 10, 10))  # o peso (0, 2)
    _esperar(lambda: "fce5cd" in produtos.inner_html(), "o produto do peso (0, 2) destacado", 30)
    _esperar(lambda: nucleo.get_attribute("src") != src_nucleo, "o peso (0, 2) destacado no núcleo", 30)
    lab.scroll_into_view_if_needed()
    pagina.screenshot(path=str(CAPTURA_LABORATORIO))
