"""``convaula.contagem`` contra as fórmulas fechadas de parâmetros e FLOPs das convoluções."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from convaula.contagem import contar_flops, contar_parametros
from convaula.formulas import tamanho_saida
from convaula.separaveis import bloco_separavel


def test_contar_parametros_igual_as_formulas():
    for c_in, c_out, k in [(32, 64, 3), (3, 16, 5), (128, 128, 7)]:
        regular = nn.Conv2d(c_in, c_out, k, bias=False)
        assert contar_parametros(regular) == k * k * c_in * c_out
        assert contar_parametros(bloco_separavel(c_in, c_out, k, bias=False)) == k * k * c_in + c_in * c_out
        assert contar_parametros(bloco_separavel(c_in, c_out, k)) == k * k * c_in + c_in * c_out + c_in + c_out
    congelado = nn.Conv2d(2, 2, 3)
    congelado.weight.requires_grad_(False)
    assert contar_parametros(congelado) == 2
    with pytest.raises(TypeError, match="modulo deve ser um torch.nn.Module"):
        contar_parametros(torch.ones(3))


def test_contar_flops_igual_a_formula_das_convolucoes():
    n_lote, c_in, c_out, k, n = 2, 8, 16, 3, (12, 10)
    x = torch.randn(n_lote, c_in, *n)
    h, w = tamanho_saida(n, k, padding=1)
    regular = nn.Conv2d(c_in, c_out, k, padding=1, bias=False)
    assert contar_flops(regular, x) == 2 * n_lote * c_out * h * w * c_in * k * k
    bloco = bloco_separavel(c_in, c_out, k, padding=1, bias=False)
    assert contar_flops(bloco, x) == 2 * n_lote * h * w * (c_in * k * k + c_in * c_out)
    h2, w2 = tamanho_saida(n, k, stride=2)
    com_passo = bloco_separavel(c_in, c_out, k, stride=2, bias=False)
    assert contar_flops(com_passo, x) == 2 * n_lote * h2 * w2 * (c_in * k * k + c_in * c_out)
    with pytest.raises(TypeError, match="x deve ser um torch.Tensor"):
        contar_flops(regular, [1.0])
