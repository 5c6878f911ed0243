"""``convaula.transposta`` contra o próprio PyTorch: ``F.conv_transpose``, autograd e ``F.conv``."""

from __future__ import annotations

import math
import random

import pytest
import torch
import torch.nn.functional as F

from convaula.formulas import tamanho_saida, tamanho_saida_transposta
from convaula.funcionais import TRANSPOSTA
from convaula.matriz import matriz_conv2d
from convaula.transposta import (arredondar_8_bits, contagem_sobreposicao, conv_transposta_por_insercao,
                                 deconvolucao, inserir_zeros, intensidade_xadrez, numero_condicao)

from .apoio import config_transposta

BLUR = torch.tensor([[1., 2., 1.], [2., 4., 2.], [1., 2., 1.]], dtype=torch.float64)[None, None] / 16


def test_insercao_igual_a_conv_transpose_em_configuracoes_aleatorias():
    rng = random.Random(11)
    gerador = torch.Generator().manual_seed(11)
    vistos = {"padding maior que d(k-1)": 0, "output_padding": 0, "groups": 0}
    for _ in range(300):
        dims, groups, c_in, c_out, n, k, s, p, op, d = config_transposta(rng)
        x = torch.randn(2, c_in, *n, dtype=torch.float64, generator=gerador)
        peso = torch.randn(c_in, c_out // groups, *k, dtype=torch.float64, generator=gerador)
        esperado = TRANSPOSTA[dims](x, peso, stride=s, padding=p, output_padding=op,
                                    dilation=d, groups=groups)
        obtido = conv_transposta_por_insercao(x, peso, s, p, op, d, groups)
        assert obtido.shape == esperado.shape
        assert torch.allclose(obtido, esperado, atol=1e-10), (dims, groups, n, k, s, p, op, d)
        vistos["padding maior que d(k-1)"] += any(pi > di * (ki - 1) for pi, di, ki in zip(p, d, k))
        vistos["output_padding"] += any(op)
        vistos["groups"] += groups > 1
    assert all(v >= 20 for v in vistos.values()), vistos


def test_insercao_igual_ao_gradiente_da_convolucao():
    """A transposta é o gradiente da convolução em relação à entrada (exemplo 5×5 -> 2×2)."""
    peso = torch.randn(1, 1, 3, 3, dtype=torch.float64)
    y = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    x = torch.zeros(1, 1, 5, 5, dtype=torch.float64, requires_grad=True)
    F.conv2d(x, peso, stride=2).backward(y)
    assert torch.allclose(conv_transposta_por_insercao(y, peso, stride=2), x.grad)


def test_inserir_zeros():
    x = torch.tensor([[[1.0, 2.0, 3.0]]])
    assert inserir_zeros(x, 2).tolist() == [[[1.0, 0.0, 2.0, 0.0, 3.0]]]
    assert torch.equal(inserir_zeros(x, 1), x)
    x2 = torch.arange(1.0, 7.0).reshape(1, 1, 2, 3)
    z = inserir_zeros(x2, (3, 2))
    assert z.shape == (1, 1, 4, 5)
    assert torch.equal(z[..., ::3, ::2], x2)
    assert z.sum() == x2.sum()


def test_inserir_zeros_recusa_entradas_invalidas():
    with pytest.raises(TypeError, match="x deve ser um torch.Tensor"):
        inserir_zeros([1, 2, 3], 2)
    with pytest.raises(ValueError, match="x deve ter de 3 a 5 dimensões"):
        inserir_zeros(torch.ones(3), 2)
    with pytest.raises(ValueError, match="stride deve ser positivo"):
        inserir_zeros(torch.ones(1, 1, 3), 0)
    with pytest.raises(ValueError, match="stride deve ter 2 valor"):
        inserir_zeros(torch.ones(1, 1, 3, 3), (1, 2, 3))


def test_insercao_recusa_configuracoes_invalidas():
    x = torch.ones(1, 2, 3, 3)
    with pytest.raises(ValueError, match="x tem 2 canais"):
        conv_transposta_por_insercao(x, torch.ones(3, 1, 2, 2))
    with pytest.raises(ValueError, match="output_padding deve ser menor"):
        conv_transposta_por_insercao(x, torch.ones(2, 1, 2, 2), stride=2, output_padding=2)
    with pytest.raises(ValueError, match="divisível por groups=3"):
        conv_transposta_por_insercao(torch.ones(1, 2, 3, 3), torch.ones(2, 1, 2, 2), groups=3)
    with pytest.raises(ValueError, match="groups deve ser positivo"):
        conv_transposta_por_insercao(x, torch.ones(2, 1, 2, 2), groups=0)
    with pytest.raises(TypeError, match="peso deve ser um torch.Tensor"):
        conv_transposta_por_insercao(x, "kernel")


@pytest.mark.parametrize("n, k, s, p, d", [(3, 3, 2, 0, 1), (5, 4, 2, 1, 1), ((4, 3), (3, 2), (2, 3), 0, 1),
                                           (4, 3, 3, 1, 2), ((2, 2, 2), 3, 2, 0, 1)])
def test_contagem_sobreposicao_igual_a_contagem_explicita(n, k, s, p, d):
    tam = n if isinstance(n, tuple) else (n,)
    dims = len(tam)
    ks, ss, ps, ds = ((v,) * dims if isinstance(v, int) else v for v in (k, s, p, d))
    saida = tamanho_saida_transposta(tam, ks, ss, ps, 0, ds)
    contagem = torch.zeros(saida, dtype=torch.long)
    for i in torch.cartesian_prod(*[torch.arange(t) for t in tam]).reshape(-1, dims).tolist():
        for j in torch.cartesian_prod(*[torch.arange(t) for t in ks]).reshape(-1, dims).tolist():
            pos = [ii * si + jj * di - pi for ii, jj, si, di, pi in zip(i, j, ss, ds, ps)]
            if all(0 <= q < t for q, t in zip(pos, saida)):
                contagem[tuple(pos)] += 1
    obtido = contagem_sobreposicao(n, k, s, p, d)
    assert obtido.dtype == torch.long
    assert torch.equal(obtido, contagem)


def test_contagem_sobreposicao_xadrez_so_quando_k_nao_e_multiplo_de_s():
    assert contagem_sobreposicao(3, 3, stride=2).tolist() == [1, 1, 2, 1, 2, 1, 1]
    meio = contagem_sobreposicao((6, 6), 4, stride=2)[3:-3, 3:-3]
    assert bool((meio == 4).all())
    xadrez = contagem_sobreposicao((6, 6), 3, stride=2)[2:-2, 2:-2]
    assert set(xadrez.unique().tolist()) == {1, 2, 4}
    with pytest.raises(ValueError, match="kernel_size deve ser positivo"):
        contagem_sobreposicao(3, 0)
    with pytest.raises(ValueError, match="n deve ter de 1 a 3"):
        contagem_sobreposicao((1, 1, 1, 1), 1)


def test_deconvolucao_recupera_a_entrada_quando_a_matriz_e_inversivel():
    gerador = torch.Generator().manual_seed(3)
    blur = torch.tensor([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]], dtype=torch.float64) / 16
    x = torch.randn(2, 1, 6, 5, dtype=torch.float64, generator=gerador)
    y = F.conv2d(x, blur[None, None], padding=1)
    assert torch.allclose(deconvolucao(y, blur[None, None], (6, 5), padding=1), x, atol=1e-8)
    # 1D com canais e grupos
    peso = torch.randn(4, 1, 3, dtype=torch.float64, generator=gerador) + torch.tensor([0.0, 3.0, 0.0])
    x1 = torch.randn(3, 4, 7, dtype=torch.float64, generator=gerador)
    y1 = F.conv1d(x1, peso, padding="same", groups=4)
    assert torch.allclose(deconvolucao(y1, peso, 7, padding="same", groups=4), x1, atol=1e-8)


def test_deconvolucao_com_menos_equacoes_reproduz_y_mas_nao_x():
    """5×5 -> conv(k=3, s=2) -> 2×2: a solução de mínimos quadrados é consistente, mas não é x."""
    gerador = torch.Generator().manual_seed(5)
    peso = torch.randn(1, 1, 3, 3, dtype=torch.float64, generator=gerador)
    x = torch.randn(1, 1, 5, 5, dtype=torch.float64, generator=gerador)
    y = F.conv2d(x, peso, stride=2)
    x_hat = deconvolucao(y, peso, (5, 5), stride=2)
    assert x_hat.shape == x.shape
    assert torch.allclose(F.conv2d(x_hat, peso, stride=2), y, atol=1e-10)
    assert not torch.allclose(x_hat, x, atol=1e-3)
    assert tamanho_saida(5, 3, stride=2) == 2


def test_deconvolucao_recusa_formas_incompativeis():
    peso = torch.ones(1, 1, 3, 3)
    with pytest.raises(ValueError, match="tamanho deve ter 2 valor"):
        deconvolucao(torch.ones(1, 1, 3, 3), peso, 5)
    with pytest.raises(ValueError, match="produz 9 valores"):
        deconvolucao(torch.ones(1, 1, 2, 2), peso, (5, 5))
    with pytest.raises(TypeError, match="y deve ser um torch.Tensor"):
        deconvolucao([[1.0]], peso, (5, 5))


# --- Deconvolução regularizada, número de condição, 8 bits e intensidade do xadrez ----------

def test_numero_condicao_igual_ao_do_torch_e_cresce_com_o_tamanho():
    for lado in (4, 7):
        esperado = torch.linalg.cond(matriz_conv2d(BLUR, (lado, lado), padding=1)).item()
        assert numero_condicao(BLUR, (lado, lado), padding=1) == pytest.approx(esperado, rel=1e-9)
    assert numero_condicao(BLUR, (12, 12), padding=1) > 10 * numero_condicao(BLUR, (5, 5), padding=1)
    assert numero_condicao(torch.zeros(1, 1, 3), 5, padding=1) == math.inf  # matriz nula: sem inversa


def test_tikhonov_resolve_as_equacoes_normais():
    torch.manual_seed(0)
    x = torch.rand(1, 1, 6, 6, dtype=torch.float64)
    y = F.conv2d(x, BLUR, padding=1)
    M = matriz_conv2d(BLUR, (6, 6), padding=1)
    lam = 0.01
    esperado = torch.linalg.solve(M.T @ M + lam * torch.eye(36, dtype=M.dtype), M.T @ y.reshape(-1))
    obtido = deconvolucao(y, BLUR, (6, 6), padding=1, regularizacao=lam)
    assert torch.allclose(obtido.reshape(-1), esperado)
    # λ → 0 volta à inversa; λ grande encolhe a solução para perto de zero
    assert torch.allclose(deconvolucao(y, BLUR, (6, 6), padding=1, regularizacao=1e-12), x, atol=1e-6)
    assert deconvolucao(y, BLUR, (6, 6), padding=1, regularizacao=1e6).abs().max() < 1e-4


def test_oito_bits_estraga_a_inversa_e_tikhonov_salva():
    torch.manual_seed(1)
    x = F.avg_pool2d(torch.rand(1, 1, 48, 48, dtype=torch.float64), 2)  # 24×24, valores suaves em [0, 1]
    y = arredondar_8_bits(F.conv2d(x, BLUR, padding=1))
    ingenua = (deconvolucao(y, BLUR, (24, 24), padding=1) - x).abs().mean()
    regularizada = (deconvolucao(y, BLUR, (24, 24), padding=1, regularizacao=1e-3) - x).abs().mean()
    assert ingenua > 10 * regularizada


def test_arredondar_8_bits():
    x = torch.tensor([0.0, 0.5, 1 / 255 + 0.001, 1.0])
    assert torch.equal(arredondar_8_bits(x) * 255, torch.tensor([0.0, 128.0, 1.0, 255.0]))
    aleatorios = torch.rand(1000, dtype=torch.float64)
    assert (arredondar_8_bits(aleatorios) - aleatorios).abs().max() <= 1 / 510 + 1e-12
    with pytest.raises(ValueError, match=r"imagem deve estar em \[0, 1\]"):
        arredondar_8_bits(torch.tensor([1.5]))


def test_intensidade_xadrez():
    xadrez = torch.zeros(8, 8)
    xadrez[::2, ::2] = 1
    assert intensidade_xadrez(xadrez) > 0.9
    assert intensidade_xadrez(torch.ones(8, 8)) == 0.0
    assert intensidade_xadrez(torch.arange(64.0).reshape(8, 8)) < intensidade_xadrez(xadrez)
    # transposta k = 4, s = 2, p = 1 com pedaços do núcleo de somas diferentes: quadricula uma constante
    peso = torch.zeros(1, 1, 4, 4)
    peso[0, 0, ::2, ::2] = 1
    saida = F.conv_transpose2d(torch.ones(1, 1, 5, 5), peso, stride=2, padding=1)[0, 0, 1:-1, 1:-1]
    assert intensidade_xadrez(saida) > 0.9
    # a mesma soma em cada pedaço: sem xadrez
    assert intensidade_xadrez(F.conv_transpose2d(torch.ones(1, 1, 5, 5), torch.ones(1, 1, 4, 4),
                                                 stride=2, padding=1)[0, 0, 1:-1, 1:-1]) == 0.0
    with pytest.raises(ValueError, match="stride deve ser >= 2"):
        intensidade_xadrez(xadrez, stride=1)


def test_regularizacao_invalida():
    with pytest.raises(ValueError, match="regularizacao deve ser >= 0"):
        deconvolucao(torch.zeros(1, 1, 5, 5), BLUR, (5, 5), padding=1, regularizacao=-1)
    with pytest.raises(TypeError, match="regularizacao deve ser um número"):
        deconvolucao(torch.zeros(1, 1, 5, 5), BLUR, (5, 5), padding=1, regularizacao=True)


def test_transposta_do_aumento_igual_ao_vizinho_mais_proximo_e_fases_iguais():
    from convaula.transposta import somas_das_fases, transposta_do_aumento
    torch.manual_seed(0)
    for c_out, c_in, k, fator, p in [(1, 1, 3, 2, 1), (2, 3, 3, 2, 1), (1, 1, 5, 3, 2), (2, 1, 3, 2, 0)]:
        nucleo = torch.randn(c_out, c_in, k, k, dtype=torch.float64)
        x = torch.randn(2, c_in, 5, 4, dtype=torch.float64)
        peso, q = transposta_do_aumento(nucleo, fator, padding=p)
        esperado = F.conv2d(F.interpolate(x, scale_factor=fator, mode="nearest"), nucleo, padding=p)
        assert torch.allclose(F.conv_transpose2d(x, peso, stride=fator, padding=q), esperado)
        somas = somas_das_fases(peso, fator)                              # (C_in, C_out, s, s)
        assert torch.allclose(somas, nucleo.sum((-2, -1)).T[..., None, None].expand_as(somas))
    with pytest.raises(ValueError):
        transposta_do_aumento(torch.ones(3, 3), 2, padding=3)


def test_somas_das_fases_contra_a_saida_de_uma_entrada_constante():
    from convaula.transposta import somas_das_fases
    torch.manual_seed(1)
    w = torch.randn(4, 4, dtype=torch.float64)
    miolo = F.conv_transpose2d(torch.ones(1, 1, 6, 6, dtype=torch.float64), w[None, None], stride=2)[0, 0, 4:-4, 4:-4]
    somas = somas_das_fases(w, 2)
    assert torch.allclose(miolo[:2, :2], somas)            # sem padding, a fase (a, b) soma w[a::2, b::2]
