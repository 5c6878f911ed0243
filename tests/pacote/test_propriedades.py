"""convaula.propriedades contra o PyTorch: composição de núcleos, equivariância, padding_mode."""

import numpy as np
import pytest
import torch
from torch import nn

from convaula import propriedades as pr
from convaula.funcionais import CAMADAS, CONV



@pytest.mark.parametrize("dims", [1, 2, 3])
@pytest.mark.parametrize("semente", range(4))
def test_compor_nucleos_igual_a_duas_convolucoes(dims, semente):
    g = torch.Generator().manual_seed(semente)
    c_in, c_meio, c_out = (int(v) for v in torch.randint(1, 4, (3,), generator=g))
    k1 = tuple(int(v) for v in torch.randint(1, 4, (dims,), generator=g))
    k2 = tuple(int(v) for v in torch.randint(1, 4, (dims,), generator=g))
    p1 = torch.randn(c_meio, c_in, *k1, generator=g, dtype=torch.float64)
    p2 = torch.randn(c_out, c_meio, *k2, generator=g, dtype=torch.float64)
    x = torch.randn(2, c_in, *([9] * dims), generator=g, dtype=torch.float64)
    composto = pr.compor_nucleos(p1, p2)
    assert composto.shape == (c_out, c_in, *(a + b - 1 for a, b in zip(k1, k2)))
    torch.testing.assert_close(CONV[dims](x, composto), CONV[dims](CONV[dims](x, p1), p2))


def test_compor_nucleos_1d_e_a_convolucao_verdadeira_do_numpy():
    a, b = torch.randn(4, dtype=torch.float64), torch.randn(3, dtype=torch.float64)
    composto = pr.compor_nucleos(a.reshape(1, 1, 4), b.reshape(1, 1, 3)).flatten()
    np.testing.assert_allclose(composto.numpy(), np.convolve(a.numpy(), b.numpy()))


@pytest.mark.parametrize("classe, x", [(nn.Conv1d, torch.randn(3, 2, 15)), (nn.Conv2d, torch.randn(3, 2, 8, 9))])
@pytest.mark.parametrize("vieses", [(True, True), (True, False), (False, True), (False, False)])
def test_compor_camadas_com_e_sem_vies(classe, x, vieses):
    primeira, segunda = classe(2, 4, 3, bias=vieses[0]), classe(4, 3, 2, bias=vieses[1])
    unica = pr.compor_camadas(primeira, segunda)
    assert type(unica) is classe and (unica.bias is not None) == any(vieses)
    torch.testing.assert_close(unica(x), segunda(primeira(x)), atol=1e-5, rtol=1e-5)


def test_compor_camadas_nao_absorve_relu():
    primeira, segunda = nn.Conv1d(1, 1, 3), nn.Conv1d(1, 1, 3)
    x = torch.randn(1, 1, 40)
    unica = pr.compor_camadas(primeira, segunda)
    assert (unica(x) - segunda(torch.relu(primeira(x)))).abs().max() > 1e-3


@pytest.mark.parametrize("argumentos, erro, trecho", [
    ((nn.Conv1d(1, 1, 3, stride=2), nn.Conv1d(1, 1, 3)), ValueError, "stride"),
    ((nn.Conv1d(1, 1, 3, padding=1), nn.Conv1d(1, 1, 3)), ValueError, "padding"),
    ((nn.Conv1d(1, 1, 3), nn.Linear(3, 3)), TypeError, "segunda"),
])
def test_compor_camadas_recusa(argumentos, erro, trecho):
    with pytest.raises(erro, match=trecho):
        pr.compor_camadas(*argumentos)


def test_compor_nucleos_recusa_canais_incompativeis():
    with pytest.raises(ValueError, match="peso2"):
        pr.compor_nucleos(torch.randn(3, 1, 3), torch.randn(1, 2, 3))
    with pytest.raises(TypeError, match="peso1"):
        pr.compor_nucleos([1, 2], torch.randn(1, 1, 3))


@pytest.mark.parametrize("deslocamento", [1, (2, -3), (5, 7)])
def test_circular_e_exatamente_equivariante(deslocamento):
    conv = nn.Conv2d(2, 3, 3, padding=1, padding_mode="circular")
    x = torch.randn(1, 2, 12, 12)
    assert pr.erro_equivariancia(conv, x, deslocamento) < 1e-6


def test_zeros_erra_so_nas_bordas():
    conv = nn.Conv2d(1, 1, 3, padding=1, bias=False)
    x = torch.rand(1, 1, 20, 20) + 0.5
    dif = pr.diferenca_equivariancia(conv, x, (0, 4)).abs()[0, 0]
    assert dif[:, 6:17].max() < 1e-6      # longe das colunas que cruzaram a borda
    assert dif[:, 3:5].max() > 1e-3       # a borda esquerda recebeu o que saiu pela direita
    assert pr.erro_equivariancia(conv, x, (0, 4)) > 1e-3


def test_passo_e_subamostragem():
    x = torch.randn(1, 1, 16, 16)
    pool = nn.MaxPool2d(2)
    assert pr.erro_equivariancia(pool, x, (0, 2), (0, 1)) < 1e-7
    assert pr.erro_equivariancia(pool, x, (0, 1)) > 0.1
    passo = nn.Conv2d(1, 1, 3, stride=2, padding=1, padding_mode="circular")
    assert pr.erro_equivariancia(passo, x, (2, 2), (1, 1)) < 1e-6
    assert pr.erro_equivariancia(passo, x, (1, 1), (0, 0)) > 0.1


def test_equivariancia_recusa_argumentos():
    conv = nn.Conv1d(1, 1, 3)
    with pytest.raises(TypeError, match="deslocamento"):
        pr.erro_equivariancia(conv, torch.randn(1, 1, 9), 1.5)
    with pytest.raises(ValueError, match="eixos"):
        pr.erro_equivariancia(conv, torch.randn(1, 1, 9), (1, 1))
    with pytest.raises(TypeError, match="x deve"):
        pr.erro_equivariancia(conv, [1, 2, 3], 1)


@pytest.mark.parametrize("modo", pr.PADDING_MODES)
@pytest.mark.parametrize("dims, padding", [(1, 2), (2, 1), (2, 3)])
def test_conv_com_borda_igual_a_camada(modo, dims, padding):
    classe = CAMADAS[dims]
    camada = classe(2, 3, 2 * padding + 1, padding=padding, padding_mode=modo)
    x = torch.randn(2, 2, *([9] * dims))
    torch.testing.assert_close(pr.conv_com_borda(x, camada.weight, padding, modo, camada.bias), camada(x))


@pytest.mark.parametrize("argumentos, erro", [
    ({"padding_mode": "espelho"}, ValueError), ({"padding": -1}, ValueError),
    ({"padding": 1.0}, TypeError), ({"x": torch.randn(1, 9)}, ValueError),
])
def test_conv_com_borda_recusa(argumentos, erro):
    base = {"x": torch.randn(1, 1, 9), "peso": torch.randn(1, 1, 3), "padding": 1}
    with pytest.raises(erro, match="padding|x deve"):
        pr.conv_com_borda(**{**base, **argumentos})
