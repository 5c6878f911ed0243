"""Os widgets dos exploradores, dirigidos pelos sliders, sem navegador: que cada controle chega
ao estado e à figura, o texto estável para o nbval e a figura estática no notebook salvo.
(Os números do estado são conferidos contra o torch em test_estado.py.)"""

import itertools

import pytest
import torch
import torch.nn.functional as F

from convaula.desenho import explorar_conv1d, explorar_conv2d, explorar_transposta


def test_repr_estavel_para_o_nbval():
    e = explorar_conv2d(n=7, kernel_size=3, padding=1, stride=2)
    texto = "Explorador conv2d: n=7, kernel_size=3, padding=1, stride=2, dilation=1 → saída 4×4"
    assert repr(e) == texto
    dados, metadados = e._repr_mimebundle_()
    assert dados["text/plain"] == texto
    assert "application/vnd.jupyter.widget-view+json" in dados
    assert dados["image/png"].startswith(b"\x89PNG") and texto in metadados["image/png"]["alt"]
    assert dados["image/png"] == explorar_conv2d(n=7, kernel_size=3, padding=1, stride=2)._repr_mimebundle_()[0][
        "image/png"]  # a figura estática é sempre a mesma
    assert repr(explorar_conv2d(n=7, kernel_size=3, padding=1, stride=2)) == texto


def test_posicao_move_a_celula_destacada_e_a_imagem():
    e = explorar_conv2d(n=5, kernel_size=3, padding=1, stride=2)
    assert e.celula_destacada == (0, 0)
    png = e.imagem.value
    janela = {(r.get_y(), r.get_x()) for r in e.desenho.janela}
    e.posicao.value = 4
    assert e.celula_destacada == (1, 1)
    assert (e.desenho.atual.get_y() - e.desenho.y0_saida, e.desenho.atual.get_x() - e.desenho.x0_saida) == (1, 1)
    assert {(r.get_y(), r.get_x()) for r in e.desenho.janela} == {(2 + a, 2 + b) for a in range(3) for b in range(3)}
    assert {(r.get_y(), r.get_x()) for r in e.desenho.janela} != janela
    assert bytes(e.imagem.value) != bytes(png) and bytes(e.imagem.value).startswith(b"\x89PNG")
    e.play.value = 2  # o Play está ligado ao slider de posição
    assert e.posicao.value == 2 and e.celula_destacada == (0, 2)


def test_parametros_mudam_forma_formula_e_recortam_a_posicao():
    e = explorar_conv2d(n=8, kernel_size=3, padding=1)
    e.posicao.value = 63
    assert e.forma_saida == (8, 8) and "= <b>8</b>" in e.formula.value
    e.sliders["stride"].value = 2
    assert e.forma_saida == (4, 4)
    assert "⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = <b>4</b>" in e.formula.value
    assert "saída: <b>4×4</b>" in e.formula.value
    assert e.posicao.max == 15 and e.posicao.value == 15 and e.play.max == 15
    assert e.celula_destacada == (3, 3)
    assert repr(e).endswith("stride=2, dilation=1 → saída 4×4")


def test_configuracao_recusada_mostra_mensagem_e_volta():
    e = explorar_conv1d(n=3, kernel_size=3)
    e.sliders["dilation"].value = 3
    assert e.desenho is None and e.forma_saida is None
    assert "núcleo dilatado" in e.mensagem and "dilation=3" in e.mensagem
    assert e.mensagem in e.aviso.value and "recusado" in e.formula.value
    assert repr(e).endswith("→ configuração recusada")
    e.posicao.value = 0  # mexer na posição sem desenho não levanta
    e.sliders["padding"].value = 2
    assert e.mensagem == "" and e.aviso.value == "" and e.forma_saida == (1,)


def test_transposta_output_padding():
    e = explorar_transposta(n=3, kernel_size=3, padding=1, stride=2)
    assert e.forma_saida == (5, 5)
    e.sliders["output_padding"].value = 1
    assert e.forma_saida == (6, 6) and "saída: <b>6×6</b>" in e.formula.value
    e.sliders["output_padding"].value = 2
    assert e.forma_saida is None and "output_padding deve ser menor" in e.mensagem
    e.sliders["output_padding"].value = 0
    e.posicao.value = 8
    assert e.celula_destacada == (2, 2)


def test_tensores_dados_fixam_n_e_kernel():
    x, w = torch.tensor([5.0, 4, 8, 7, 9, 3, 6]), torch.tensor([1.0, 2, 3])
    e = explorar_conv1d(entrada=x, peso=w, padding=1, n=2)
    assert e.sliders["n"].disabled and e.sliders["kernel_size"].disabled
    assert e.sliders["n"].value == 7 and repr(e).startswith("Explorador conv1d: n=7,")
    assert [float(t.get_text()) for t in e.desenho.saida_textos] == [22, 37, 41, 49, 34, 33, 15]
    with pytest.raises(TypeError, match="entrada deve ser um torch.Tensor"):
        explorar_conv2d(entrada=[[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="peso deve ter 2"):
        explorar_conv2d(peso=w)


def test_widgets_achaveis_no_dom():
    e = explorar_conv2d()
    assert "convaula-figura" in e.imagem._dom_classes
    assert "convaula-formula" in e.formula._dom_classes
    assert [s.description for s in e.sliders.values()] == ["n", "kernel_size", "padding", "stride", "dilation",
                                                           "posição"]


def _aceito_pelo_torch(chamada) -> tuple | None:
    try:
        return tuple(chamada().shape[2:])
    except RuntimeError:
        return None


def _varrer(explorador, grade: dict, referencia) -> int:
    """Percorre a grade de valores; confere forma (ou mensagem) contra o torch. Devolve quantas recusadas."""
    recusadas = 0
    nomes = list(grade)
    for valores in itertools.product(*grade.values()):
        for nome, valor in zip(nomes, valores):
            explorador.sliders[nome].value = valor
        v = dict(zip(nomes, valores))
        esperado = _aceito_pelo_torch(lambda: referencia(v))
        assert explorador.forma_saida == esperado, v
        assert (explorador.mensagem != "") == (esperado is None), v
        explorador.posicao.value = explorador.posicao.max  # a última posição sempre existe
        recusadas += esperado is None
    return recusadas


def test_varredura_conv1d():
    grade = {"n": [1, 2, 5], "kernel_size": [1, 3], "padding": [0, 2], "stride": [1, 3], "dilation": [1, 2]}
    def ref(v):
        return F.conv1d(torch.zeros(1, 1, v["n"]), torch.zeros(1, 1, v["kernel_size"]), stride=v["stride"],
                        padding=v["padding"], dilation=v["dilation"])
    assert _varrer(explorar_conv1d(), grade, ref) > 0





def test_valores_iniciais_fora_do_intervalo_dos_sliders():
    e = explorar_conv1d(n=30, kernel_size=9)
    assert e.sliders["n"].max == 30 and e.sliders["kernel_size"].max == 9 and e.forma_saida == (22,)
