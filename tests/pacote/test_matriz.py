"""A matriz da convolução contra ``F.conv1d/2d/3d`` e a transposta contra ``F.conv_transpose``."""

from __future__ import annotations

import random

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
import torch.nn.functional as F

from convaula import matriz_conv, matriz_conv1d, matriz_conv2d, output_padding_para
from convaula.funcionais import CONV, TRANSPOSTA

from .apoio import CONFIGS_1D, config_conv

N_CONFIGS = 240


def _erro_relativo(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a - b).abs().max() / b.abs().max().clamp_min(1e-300))


def test_matriz_igual_a_conv_e_transposta_igual_a_conv_transpose():
    rng = random.Random(7)
    gerador = torch.Generator().manual_seed(7)
    pior = 0.0
    for _ in range(N_CONFIGS):
        dims, groups, c_in, c_out, n, k, s, p, d = config_conv(rng)
        peso = torch.randn(c_out, c_in // groups, *k, dtype=torch.float64, generator=gerador)
        x = torch.randn(c_in, *n, dtype=torch.float64, generator=gerador)
        m = matriz_conv(peso, n, stride=s, padding=p, dilation=d, groups=groups)
        y = CONV[dims](x[None], peso, stride=s, padding=p, dilation=d, groups=groups)
        erro_conv = _erro_relativo(m @ x.reshape(-1), y.reshape(-1))

        g = torch.randn(y.shape[1:], dtype=torch.float64, generator=gerador)
        op = output_padding_para(n, k, s, p, d)
        xt = TRANSPOSTA[dims](g[None], peso, stride=s, padding=p, output_padding=op,
                              groups=groups, dilation=d)
        assert tuple(xt.shape[1:]) == (c_in, *n)
        erro_transp = _erro_relativo(m.T @ g.reshape(-1), xt.reshape(-1))
        desc = f"dims={dims} g={groups} C={c_in}->{c_out} n={n} k={k} s={s} p={p} d={d}"
        assert erro_conv < 1e-10 and erro_transp < 1e-10, (desc, erro_conv, erro_transp)
        pior = max(pior, erro_conv, erro_transp)
    print(f"{N_CONFIGS} configurações, maior erro relativo {pior:.2e}")


def test_matriz_de_banda_da_ementa():
    m = matriz_conv1d(torch.tensor([1.0, 2, 3]), 7, padding=1)
    assert m.shape == (7, 7)
    assert m[0].tolist() == [2, 3, 0, 0, 0, 0, 0]
    assert m[1].tolist() == [1, 2, 3, 0, 0, 0, 0]
    assert m[6].tolist() == [0, 0, 0, 0, 0, 1, 2]
    x = torch.tensor([5.0, 4, 8, 7, 9, 3, 6])
    assert (m @ x).tolist() == [22, 37, 41, 49, 34, 33, 15]
    assert F.linear(x, m).tolist() == [22, 37, 41, 49, 34, 33, 15]


def test_kernel_2d_de_um_canal_e_formas():
    k = torch.tensor([[0.0, 1], [2, 3]])
    m = matriz_conv2d(k, (3, 3))
    assert m.shape == (4, 9)
    x = torch.arange(9.0)
    assert (m @ x).tolist() == F.conv2d(x.reshape(1, 1, 3, 3), k[None, None]).flatten().tolist()
    assert matriz_conv2d(torch.randn(8, 3, 3, 3), (32, 32), padding=1).shape == (8 * 32 * 32, 3 * 32 * 32)
    assert matriz_conv2d(torch.randn(4, 2, 3, 3), 6, stride=2).shape == (4 * 2 * 2, 2 * 6 * 6)


@pytest.mark.parametrize("k, dilation", [(3, 1), (4, 1), (2, 3), (4, 2)])
def test_padding_same_e_valid(k, dilation):
    peso = torch.randn(2, 1, k, k, dtype=torch.float64)
    x = torch.randn(1, 9, 8, dtype=torch.float64)
    for modo in ("same", "valid"):
        m = matriz_conv2d(peso, (9, 8), padding=modo, dilation=dilation)
        y = F.conv2d(x[None], peso, padding=modo, dilation=dilation)
        assert torch.allclose(m @ x.reshape(-1), y.reshape(-1), rtol=1e-12, atol=1e-12)


def test_mantem_dtype_e_device():
    for dtype in (torch.float32, torch.float64, torch.int64):
        peso = torch.ones(1, 1, 3, dtype=dtype)
        m = matriz_conv1d(peso, 5)
        assert m.dtype == dtype and m.device == peso.device
    if torch.cuda.is_available():
        assert matriz_conv1d(torch.ones(3, device="cuda"), 5).device.type == "cuda"


def test_esparsidade_e_compartilhamento():
    peso = torch.arange(1.0, 10).reshape(1, 1, 3, 3)
    m = matriz_conv2d(peso, (5, 5))
    assert int((m != 0).sum()) == 9 * 9  # 9 saídas, cada uma lê 9 pesos
    assert set(m[m != 0].tolist()) == set(range(1, 10))  # só os 9 pesos, repetidos


@pytest.mark.parametrize("chamada, trecho", [
    (lambda: matriz_conv1d(torch.ones(1, 1, 5), 3), "kernel_size=5"),
    (lambda: matriz_conv1d(torch.ones(3, 2, 3), 7, groups=2), "C_out=3"),
    (lambda: matriz_conv1d(torch.ones(2, 2, 3), 7, groups=0), "groups=0"),
    (lambda: matriz_conv1d(torch.ones(2, 3), 7), "forma (2, 3)"),
    (lambda: matriz_conv2d(torch.ones(1, 1, 3), (5, 5)), "forma (1, 1, 3)"),
    (lambda: matriz_conv2d(torch.ones(3, 3), (5, 5, 5)), "tamanho=(5, 5, 5)"),
    (lambda: matriz_conv2d(torch.ones(3, 3), (5, 5), stride=(1, 0)), "stride"),
    (lambda: matriz_conv2d(torch.ones(3, 3), (5, 5), stride=(1, 2, 3)), "stride=(1, 2, 3)"),
    (lambda: matriz_conv1d(torch.ones(3), 7, stride=2, padding="same"), "stride"),
    (lambda: matriz_conv1d(torch.ones(0), 7), "vazia"),
])
def test_configuracoes_invalidas_explicam_o_valor(chamada, trecho):
    with pytest.raises(ValueError) as erro:
        chamada()
    assert trecho in str(erro.value)


def test_tipos_errados():
    with pytest.raises(TypeError, match="peso"):
        matriz_conv1d([1.0, 2.0, 3.0], 7)
    with pytest.raises(TypeError, match="n="):
        matriz_conv1d(torch.ones(3), (7,))
    with pytest.raises(TypeError, match="groups"):
        matriz_conv1d(torch.ones(3), 7, groups=1.0)


def test_recusa_o_mesmo_que_o_torch():
    """Kernel maior que a entrada com padding: o torch recusa, a matriz também."""
    peso = torch.ones(1, 1, 4, 4)
    with pytest.raises(RuntimeError):
        F.conv2d(torch.ones(1, 1, 3, 3), peso)
    with pytest.raises(ValueError):
        matriz_conv2d(peso, (3, 3))
    assert matriz_conv2d(peso, (3, 3), padding=1).shape == (4, 9)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(CONFIGS_1D, st.integers(0, 2**31 - 1))
def test_transposta_e_adjunta(c, semente):
    """<M x, y> = <x, Mᵀ y>: a transposta é a adjunta da convolução."""
    n, k, s, p, d = c
    g = torch.Generator().manual_seed(semente)
    peso = torch.randn(k, dtype=torch.float64, generator=g)
    m = matriz_conv1d(peso, n, s, p, d)
    x = torch.randn(n, dtype=torch.float64, generator=g)
    y = torch.randn(m.shape[0], dtype=torch.float64, generator=g)
    assert torch.allclose((m @ x) @ y, x @ (m.T @ y), rtol=1e-10, atol=1e-10)
