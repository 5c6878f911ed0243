"""Desenhos 1D e 2D contra o PyTorch: a janela desenhada cobre exatamente as células que o
núcleo lê (a regra de ``convaula.janela``, reescrita aqui à mão) e os valores são os de F.conv."""

import matplotlib.pyplot as plt
import pytest
import torch
import torch.nn.functional as F

from convaula.desenho.base import formatar, inteiros_exemplo
from convaula.desenho.conv import desenhar_conv1d, desenhar_conv2d
from convaula.desenho.transposta import desenhar_transposta2d

from ..apoio import grade_1d

X_EMENTA = torch.tensor([5.0, 4, 8, 7, 9, 3, 6])
W_EMENTA = torch.tensor([1.0, 2, 3])


def _numero(texto) -> float:
    return float(texto.get_text())


VALIDAS_1D = grade_1d(ns=(1, 4, 7), ks=(1, 2, 3), ss=(1, 2, 3), ps=(0, 1, 2), ds=(1, 2))


@pytest.mark.parametrize("n,k,s,p,d", VALIDAS_1D)
def test_conv1d_janela_e_saida(n, k, s, p, d):
    x, w = inteiros_exemplo((n,), 3), inteiros_exemplo((k,), 4, 4) - 1
    esperado = F.conv1d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]
    desenho = desenhar_conv1d(x, w, stride=s, padding=p, dilation=d)
    assert len(desenho.posicoes) == esperado.numel()
    for t in range(esperado.numel()):
        desenho.mostrar(t)
        lidas = {t * s + j * d for j in range(k)}  # índices na entrada com padding
        assert {round(r.get_x()) for r in desenho.janela} == lidas
        assert desenho.produtos.get_text().endswith(f"= {formatar(esperado[t].item())}")
        visiveis = [txt.get_visible() for txt in desenho.saida_textos]
        assert visiveis == [u <= t for u in range(esperado.numel())]
    assert [_numero(txt) for txt in desenho.saida_textos] == esperado.tolist()
    plt.close("all")


def test_conv1d_exemplo_da_ementa():
    desenho = desenhar_conv1d(X_EMENTA, W_EMENTA, padding=1, posicao=6)
    assert [_numero(t) for t in desenho.saida_textos] == [22, 37, 41, 49, 34, 33, 15]
    assert desenho.produtos.get_text() == "y[6] = 1·3 + 2·6 + 3·0 = 15"
    # as células de padding ficam com outra cor
    cores = desenho.entrada_celulas.get_facecolors()
    assert (cores[0] == cores[-1]).all() and not (cores[0] == cores[1]).all()


VALIDAS_2D = grade_1d(ns=(3, 5), ks=(1, 2, 3), ss=(1, 2), ps=(0, 1), ds=(1, 2))  # a mesma em cada eixo


@pytest.mark.parametrize("n,k,s,p,d", VALIDAS_2D)
def test_conv2d_janela_e_saida(n, k, s, p, d):
    x, w = inteiros_exemplo((n, n + 1), 5), inteiros_exemplo((k, k), 6, 3)
    esperado = F.conv2d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]
    desenho = desenhar_conv2d(x, w, stride=s, padding=p, dilation=d)
    assert desenho.forma_saida == tuple(esperado.shape)
    for t, (i, j) in enumerate(desenho.posicoes):
        desenho.mostrar((i, j))
        lidas = {(i * s + a * d, j * s + b * d) for a in range(k) for b in range(k)}
        desenhadas = {(round(r.get_y()), round(r.get_x())) for r in desenho.janela}
        assert desenhadas == lidas
        assert desenho.anterior.get_visible() == (t > 0)
        alfas = desenho.cobertura.get_facecolors()[:, 3]
        assert list(alfas > 0) == [u > t for u in range(len(desenho.posicoes))]
        assert desenho.soma.get_text().endswith(f"= {formatar(esperado[i, j].item())}")
    valores = [[_numero(txt) for txt in linha] for linha in desenho.saida_textos]
    assert valores == esperado.tolist()
    plt.close("all")


def test_conv2d_janela_nao_retangular_e_padding_por_dimensao():
    x, w = inteiros_exemplo((6, 7), 1), inteiros_exemplo((2, 3), 2, 3)
    esperado = F.conv2d(x[None, None], w[None, None], stride=(2, 1), padding=(1, 0), dilation=(1, 2))[0, 0]
    desenho = desenhar_conv2d(x, w, stride=(2, 1), padding=(1, 0), dilation=(1, 2), posicao=(1, 2))
    assert {(round(r.get_y()), round(r.get_x())) for r in desenho.janela} == {
        (2 + a, 2 + 2 * b) for a in range(2) for b in range(3)}
    assert desenho.saida.tolist() == esperado.tolist()


def test_nao_usa_pyplot_e_repr_png():
    antes = plt.get_fignums()
    desenho = desenhar_conv2d(inteiros_exemplo((4, 4)), torch.ones(2, 2))
    assert plt.get_fignums() == antes
    assert desenho._repr_png_().startswith(b"\x89PNG")


def test_desenho_em_ax_dado():
    fig, ax = plt.subplots()
    desenho = desenhar_conv1d(X_EMENTA, W_EMENTA, ax=ax)
    assert desenho.ax is ax and desenho.figura is fig
    plt.close(fig)


def test_argumentos_invalidos_dao_mensagem_que_diz_o_parametro_e_a_regra():
    with pytest.raises(TypeError, match="x deve ser um torch.Tensor"):
        desenhar_conv1d([1, 2, 3], W_EMENTA)
    # a 1D confere com convaula._argumentos.inteiro: uma tupla ou um float é TypeError
    with pytest.raises(TypeError, match=r"stride deve ser um inteiro, mas recebeu stride=\(1, 2\)"):
        desenhar_conv1d(X_EMENTA, W_EMENTA, stride=(1, 2))
    with pytest.raises(TypeError, match="dilation deve ser um inteiro, mas recebeu dilation=1.5"):
        desenhar_conv1d(X_EMENTA, W_EMENTA, dilation=1.5)
    with pytest.raises(ValueError, match="w deve ter 2 dimensões"):
        desenhar_conv2d(torch.ones(4, 4), W_EMENTA)
    with pytest.raises(ValueError, match="núcleo dilatado"):
        desenhar_conv2d(torch.ones(3, 3), torch.ones(3, 3), dilation=2)
    with pytest.raises(ValueError, match="output_padding"):
        desenhar_transposta2d(torch.ones(2, 2), torch.ones(3, 3), stride=2, output_padding=2)
    desenho = desenhar_conv1d(X_EMENTA, W_EMENTA)
    with pytest.raises(ValueError, match="posicao deve estar entre 0 e 4"):
        desenho.mostrar(5)
    plt.close("all")
