"""``convaula.separaveis`` contra o PyTorch: ``torch.linalg``, ``F.conv2d`` e ``nn.Conv2d``."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from convaula.separaveis import bloco_separavel, posto, separar

SOBEL = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])


def test_posto_igual_a_matrix_rank_em_kernels_de_posto_conhecido():
    gerador = torch.Generator().manual_seed(0)
    vistos = set()
    for k_h in range(1, 6):
        for k_w in range(1, 6):
            for r in range(0, min(k_h, k_w) + 1):
                a = torch.randn(k_h, r, dtype=torch.float64, generator=gerador)
                b = torch.randn(r, k_w, dtype=torch.float64, generator=gerador)
                kernel = a @ b
                assert posto(kernel) == r == int(torch.linalg.matrix_rank(kernel))
                vistos.add(r)
    assert vistos == {0, 1, 2, 3, 4, 5}


def test_posto_de_kernels_classicos():
    laplaciano = torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]])
    assert posto(SOBEL) == 1
    assert posto(SOBEL.T) == 1
    assert posto(torch.outer(torch.tensor([1.0, 2.0, 1.0]), torch.tensor([1.0, 2.0, 1.0]))) == 1
    assert posto(laplaciano) == 2
    assert posto(torch.tensor([[1, 2], [2, 4]])) == 1  # inteiros viram float
    quase_separavel = SOBEL + 1e-3 * torch.eye(3)       # ruído pequeno: posto > 1 na precisão da máquina
    assert posto(quase_separavel) == int(torch.linalg.matrix_rank(quase_separavel)) > 1
    assert posto(quase_separavel, tol=0.01) == 1          # mas 1 com uma tolerância de 1 %


def test_separar_reconstroi_o_kernel_e_a_convolucao():
    coluna, linha = separar(SOBEL)
    assert torch.allclose(torch.outer(coluna, linha), SOBEL, atol=1e-6)
    assert coluna[coluna.abs().argmax()] > 0
    # proporcionais a [1, 2, 1] e [1, 0, -1]
    assert torch.allclose(coluna / coluna[0], torch.tensor([1.0, 2.0, 1.0]), atol=1e-6)
    assert torch.allclose(linha / linha[0], torch.tensor([1.0, 0.0, -1.0]), atol=1e-6)
    x = torch.randn(2, 1, 9, 8, generator=torch.Generator().manual_seed(1))
    direto = F.conv2d(x, SOBEL[None, None], padding=1)
    em_duas = F.conv2d(F.conv2d(x, coluna.reshape(1, 1, 3, 1), padding=(1, 0)), linha.reshape(1, 1, 1, 3),
                       padding=(0, 1))
    assert torch.allclose(direto, em_duas, atol=1e-5)


def test_separar_aleatorios_de_posto_1_e_recusa_posto_maior():
    gerador = torch.Generator().manual_seed(2)
    for _ in range(20):
        kernel = torch.outer(torch.randn(4, dtype=torch.float64, generator=gerador),
                             torch.randn(5, dtype=torch.float64, generator=gerador))
        coluna, linha = separar(kernel)
        assert coluna.shape == (4,) and linha.shape == (5,)
        assert torch.allclose(torch.outer(coluna, linha), kernel)
    with pytest.raises(ValueError, match="não é separável.*posto 2"):
        separar(torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]]))
    with pytest.raises(ValueError, match="posto 0"):
        separar(torch.zeros(3, 3))


def test_posto_recusa_entradas_invalidas():
    with pytest.raises(TypeError, match="peso deve ser um torch.Tensor"):
        posto([[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"peso deve ter a forma \(k_h, k_w\)"):
        posto(torch.ones(1, 3, 3))
    with pytest.raises(ValueError, match="peso não pode ser vazio"):
        posto(torch.ones(0, 3))
    with pytest.raises(ValueError, match="tol deve ser >= 0"):
        posto(SOBEL, tol=-1.0)
    with pytest.raises(TypeError, match="tol deve ser um número"):
        posto(SOBEL, tol="0.1")


@pytest.mark.parametrize("c_in, c_out, k, s, p, d", [(3, 5, 3, 1, 1, 1), (4, 8, (3, 5), 2, (1, 2), 1),
                                                     (2, 3, 3, 1, "same", 2), (1, 1, 1, 1, 0, 1)])
def test_bloco_separavel_igual_a_duas_convolucoes_e_a_um_kernel_restrito(c_in, c_out, k, s, p, d):
    torch.manual_seed(0)
    bloco = bloco_separavel(c_in, c_out, k, stride=s, padding=p, dilation=d)
    prof, pont = bloco.profundidade, bloco.pontual
    assert prof.groups == c_in and prof.weight.shape[:2] == (c_in, 1)
    assert pont.kernel_size == (1, 1) and pont.weight.shape[:2] == (c_out, c_in)
    x = torch.randn(2, c_in, 9, 10)
    y = bloco(x)
    manual = F.conv2d(F.conv2d(x, prof.weight, prof.bias, s, p, d, groups=c_in), pont.weight, pont.bias)
    assert torch.allclose(y, manual, atol=1e-5)
    # o bloco é uma convolução comum com o peso W[o, c] = P[o, c]·D[c] (e viés P·b_D + b_P)
    w = pont.weight[:, :, 0, 0][:, :, None, None] * prof.weight[:, 0][None]
    b = pont.weight[:, :, 0, 0] @ prof.bias + pont.bias
    assert torch.allclose(y, F.conv2d(x, w, b, s, p, d), atol=1e-5)

