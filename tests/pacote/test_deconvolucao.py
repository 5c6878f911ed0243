"""Deconvolução regularizada, número de condição, 8 bits e intensidade do xadrez, contra o torch."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from convaula.matriz import matriz_conv2d
from convaula.transposta import arredondar_8_bits, deconvolucao, intensidade_xadrez, numero_condicao

BLUR = torch.tensor([[1., 2., 1.], [2., 4., 2.], [1., 2., 1.]], dtype=torch.float64)[None, None] / 16


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
    with pytest.raises(ValueError, match="regularizacao deve ser um número >= 0"):
        deconvolucao(torch.zeros(1, 1, 5, 5), BLUR, (5, 5), padding=1, regularizacao=-1)
