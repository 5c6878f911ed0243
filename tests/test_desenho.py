"""Desenhos de convaula contra o PyTorch: a janela desenhada cobre exatamente as células que o
kernel lê (derivadas de stride/padding/dilation) e os valores desenhados são os de F.conv."""

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from convaula.desenho import desenhar_conv1d, desenhar_conv2d, formatar, inteiros_exemplo  # noqa: E402
from convaula.desenho_esquemas import (camadas_lenet5, desenhar_lenet5, desenhar_matriz_conv,  # noqa: E402
                                       desenhar_multicanal, desenhar_separavel)
from convaula.desenho_transposta import desenhar_transposta2d  # noqa: E402

X_EMENTA = torch.tensor([5.0, 4, 8, 7, 9, 3, 6])
W_EMENTA = torch.tensor([1.0, 2, 3])


def _numero(texto) -> float:
    return float(texto.get_text())


def _validas_1d():
    for n, k, p, s, d in itertools.product((1, 4, 7), (1, 2, 3), (0, 1, 2), (1, 2, 3), (1, 2)):
        if n + 2 * p >= d * (k - 1) + 1:
            yield n, k, p, s, d


@pytest.mark.parametrize("n,k,p,s,d", list(_validas_1d()))
def test_conv1d_janela_e_saida(n, k, p, s, d):
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


def _validas_2d():
    casos = itertools.product((3, 5), (1, 2, 3), (0, 1), (1, 2), (1, 2))
    return [c for c in casos if c[0] + 2 * c[2] >= c[4] * (c[1] - 1) + 1]


@pytest.mark.parametrize("n,k,p,s,d", _validas_2d())
def test_conv2d_janela_e_saida(n, k, p, s, d):
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


@pytest.mark.parametrize("n,k,p,s,d,op", [(2, 3, 0, 1, 1, 0), (2, 3, 0, 2, 1, 0), (3, 3, 1, 2, 1, 0),
                                         (3, 3, 1, 2, 1, 1), (3, 2, 0, 3, 2, 2), (2, 3, 2, 2, 2, 1)])
def test_transposta_espalha_e_soma_como_o_torch(n, k, p, s, d, op):
    x, w = inteiros_exemplo((n, n), 7, 4), inteiros_exemplo((k, k), 8, 3) - 1
    esperado = F.conv_transpose2d(x[None, None], w[None, None], stride=s, padding=p, output_padding=op,
                                  dilation=d)[0, 0]
    desenho = desenhar_transposta2d(x, w, stride=s, padding=p, output_padding=op, dilation=d)
    assert tuple(desenho.saida.shape) == tuple(esperado.shape) == desenho.forma_saida
    nunca = {(r, c) for r in range(desenho.grade[0]) for c in range(desenho.grade[1])}
    nunca -= {(i * s + a * d, j * s + b * d) for i, j in desenho.posicoes for a in range(k) for b in range(k)}
    ja = set()
    for t, (i, j) in enumerate(desenho.posicoes):
        desenho.mostrar(t)
        atingidas = {(i * s + a * d, j * s + b * d) for a in range(k) for b in range(k)}
        desenhadas = {(round(r.get_y()), round(r.get_x() - desenho.x0)) for r in desenho.janela}
        assert desenhadas == atingidas
        ja |= atingidas  # somas parciais visíveis: as células já atingidas e as que nunca serão (0)
        visiveis = {(r, c) for (r, c), txt in np.ndenumerate(desenho.saida_textos) if txt.get_visible()}
        assert visiveis == ja | nunca
        assert (round(desenho.entrada_atual.get_y()), round(desenho.entrada_atual.get_x())) == (i, j)
    textos = desenho.saida_textos[p:p + esperado.shape[0], p:p + esperado.shape[1]]
    assert [[_numero(txt) for txt in linha] for linha in textos] == esperado.tolist()
    recorte = desenho.recorte
    assert (recorte.get_width(), recorte.get_height()) == (esperado.shape[1], esperado.shape[0])
    plt.close("all")


def test_matriz_anotada_e_linha_destacada():
    esquema = desenhar_matriz_conv(W_EMENTA, 7, padding=1, saida=3)
    m = esquema.dados["matriz"]
    esperado = F.conv1d(X_EMENTA[None, None], W_EMENTA[None, None], padding=1)[0, 0]
    assert torch.equal(m @ X_EMENTA.double(), esperado.double())
    assert len(esquema.artistas["textos"]) == int((m != 0).sum())
    (destaque,) = esquema.artistas["destaques"]
    assert destaque.get_y() == 3
    w2 = inteiros_exemplo((3, 3), 1, 3) + 1
    esquema = desenhar_matriz_conv(w2, (4, 5), stride=1, saida=(1, 2))
    assert [d.get_y() for d in esquema.artistas["destaques"]] == [1 * 3 + 2]
    with pytest.raises(ValueError, match="saida"):
        desenhar_matriz_conv(W_EMENTA, 7, saida=5)
    plt.close("all")


def test_multicanal_exemplo_da_ementa():
    x = torch.tensor([[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]], dtype=torch.float64)
    k = torch.tensor([[[0, 1], [2, 3]], [[1, 2], [3, 4]]], dtype=torch.float64)
    esquema = desenhar_multicanal(x, k, posicao=(1, 1))
    assert esquema.dados["saida"].tolist() == [[56, 72], [104, 120]]
    assert torch.equal(esquema.dados["saida"], F.conv2d(x[None], k[None])[0, 0])
    assert torch.equal(esquema.dados["parciais"].sum(0), esquema.dados["saida"])
    janela0 = {(round(r.get_y() - 0.8), round(r.get_x())) for r in esquema.artistas["janelas"][0]}
    assert janela0 == {(1, 1), (1, 2), (2, 1), (2, 2)}
    plt.close("all")


def test_separavel_conta_pesos():
    esquema = desenhar_separavel(c_in=3, c_out=5, kernel_size=3, n=6)
    assert esquema.dados == {"normal": 3 * 3 * 3 * 5, "depthwise": 3 * 3 * 3, "pointwise": 3 * 5}
    plt.close("all")


def test_lenet5_tamanhos_iguais_aos_do_torch():
    camadas = [torch.nn.Conv2d(1, 6, 5), torch.nn.AvgPool2d(2), torch.nn.Conv2d(6, 16, 5), torch.nn.AvgPool2d(2),
               torch.nn.Conv2d(16, 120, 5)]
    x, formas = torch.zeros(1, 1, 32, 32), []
    for camada in camadas:
        x = camada(x)
        formas.append((x.shape[1], x.shape[2]))
    tabela = camadas_lenet5()
    assert [(m, lado) for _, m, lado, _ in tabela[1:6]] == formas
    esquema = desenhar_lenet5()
    assert list(esquema.artistas) == [nome for nome, *_ in tabela]
    plt.close("all")


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


def test_erros_em_portugues():
    with pytest.raises(TypeError, match="x deve ser um torch.Tensor"):
        desenhar_conv1d([1, 2, 3], W_EMENTA)
    with pytest.raises(TypeError, match="stride deve ser um inteiro na convolução 1D"):
        desenhar_conv1d(X_EMENTA, W_EMENTA, stride=(1, 2))
    with pytest.raises(ValueError, match="w deve ter 2 dimensão"):
        desenhar_conv2d(torch.ones(4, 4), W_EMENTA)
    with pytest.raises(ValueError, match="kernel dilatado"):
        desenhar_conv2d(torch.ones(3, 3), torch.ones(3, 3), dilation=2)
    with pytest.raises(ValueError, match="output_padding"):
        desenhar_transposta2d(torch.ones(2, 2), torch.ones(3, 3), stride=2, output_padding=2)
    desenho = desenhar_conv1d(X_EMENTA, W_EMENTA)
    with pytest.raises(ValueError, match="posicao deve estar entre 0 e 4"):
        desenho.mostrar(5)
    plt.close("all")
