"""A base comum dos exploradores: o pacote da saída guardada (texto, figura, html com a cena para
o site), a notação das mensagens, o módulo do navegador e a mesma forma em todos."""

import html
import json
import re
from pathlib import Path

import pytest

from convaula.desenho import (explorar_canais, explorar_conv1d, explorar_conv2d, explorar_nucleos,
                              explorar_par_transposta, explorar_transposta)
from convaula.desenho.exploradores import cena as modulo
from convaula.desenho.exploradores.paineis import notacao

TODOS = [explorar_conv1d, explorar_conv2d, explorar_transposta, explorar_canais, explorar_par_transposta,
         explorar_nucleos]


def test_notacao_do_estudante():
    assert notacao("(n[0]=16, padding[0]=0, kernel_size=7)") == "(n = 16, padding = 0, kernel_size = 7)"
    assert notacao("p <= k // 2") == "p <= k // 2"


@pytest.mark.parametrize("criar", TODOS, ids=lambda f: f.__name__)
def test_pacote_estatico_e_cena_para_o_site(criar):
    e = criar()
    dados = e._repr_mimebundle_()
    assert modulo.LEGENDA_ESTATICA in dados["text/html"] and "data:image/png;base64,iVBOR" in dados["text/html"]
    assert "image/png" not in dados  # uma figura só, a do html
    achado = re.search(r'data-convaula-cena="([^"]*)"', dados["text/html"])
    if criar is explorar_nucleos:  # a foto inteira não cabe no html guardado: só a figura estática
        assert achado is None
    else:
        assert json.loads(html.unescape(achado.group(1))) == json.loads(json.dumps(modulo.para_o_fio(e.cena)))
    assert isinstance(e, modulo.Explorador) and hasattr(e.estado, "cena") and hasattr(e.estado, "mudar")
    assert hasattr(e.estado, "celulas_janela") and hasattr(e.estado, "resumo")  # um nome por ideia


def test_modulo_do_navegador_sem_rede():
    js = (modulo.JS / "cena.js").read_text(encoding="utf-8")
    assert "export default { render }" in js and "http" not in js.replace("http://www.w3.org/2000/svg", "")
    site = (modulo.JS / "convaula_site.js").read_text(encoding="utf-8")
    assert 'from "./cena.js"' in site and "rode o notebook para mudar os parâmetros" in js


def test_mesma_forma_de_arquivos():
    pasta = Path(modulo.__file__).parent
    estados = {"tamanho", "canais", "par", "nucleos"}
    assert {p.stem for p in pasta.glob("*_widget.py")} == {f"{e}_widget" for e in estados}
    assert estados <= {p.stem for p in pasta.glob("*.py")}
    assert not any("filtro" in p.name for p in pasta.iterdir())  # filtro ≠ núcleo (glossário)


def test_pedido_invalido_vira_mensagem():
    e = explorar_canais()
    e.pedir("n", 99)
    assert "n deve ser um inteiro de 2 a 5" in e.cena["mensagem"] and "n = 99" in e.cena["mensagem"]


def _expandir(compactos: dict) -> list[dict]:
    """O que ``js/cena.js`` (expandir) faz com os passos compactados."""
    passos = [{} for _ in range(compactos["total"])]
    for ident, p in compactos["paineis"].items():
        for t, passo in enumerate(passos):
            lista = p["listas"][t] if "listas" in p else [p["base"][t] + d for d in p["desloc"]]
            if lista:
                passo[ident] = lista
    return passos


@pytest.mark.parametrize("criar", TODOS, ids=lambda f: f.__name__)
def test_passos_compactados_voltam_iguais(criar):
    cena = criar().cena
    compactos = modulo.compactar_passos(cena.get("passos", []))
    assert _expandir(compactos) == [{k: v for k, v in passo.items() if v} for passo in cena.get("passos", [])]


def test_passos_compactados_de_conv2d_grande_sao_pequenos():
    cena = explorar_conv2d(n=16, kernel_size=7, padding=4).cena
    compactos = modulo.compactar_passos(cena["passos"])
    assert set(compactos["paineis"]) == {"entrada", "nucleo", "saida"}
    assert all("desloc" in p for p in compactos["paineis"].values())  # a janela só se desloca
    assert len(json.dumps(compactos)) * 20 < len(json.dumps(cena["passos"]))
    assert modulo.compactar_passos([{"a": [0, 1]}, {"a": [5, 7]}, {}])["paineis"]["a"] == {
        "listas": [[0, 1], [5, 7], None]}
