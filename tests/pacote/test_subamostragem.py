"""Subamostragem: a média como convolução contra o torch; o deslocamento e a variação medida."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from convaula.subamostragem import deslocar, media_como_convolucao, variacao_por_deslocamento


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_media_como_convolucao_e_avg_pool(k):
    gerador = torch.Generator().manual_seed(k)
    x = torch.randn(2, 3, 13, 10, generator=gerador, dtype=torch.float64)
    assert torch.allclose(media_como_convolucao(x, k), F.avg_pool2d(x, k))


def test_deslocar_anda_colunas_sem_preenchimento():
    imagem = torch.arange(20.0).reshape(1, 4, 5)
    a, b = deslocar(imagem, 2)
    assert a.shape == b.shape == (1, 4, 3)
    assert torch.equal(b[..., :], imagem[..., 2:]) and torch.equal(a, imagem[..., :3])
    assert torch.equal(b[..., 0], a[..., 2])


def test_variacao_por_deslocamento():
    gerador = torch.Generator().manual_seed(0)
    x = torch.rand(1, 1, 32, 40, generator=gerador)
    # Imagem constante na horizontal: deslocar não muda nada.
    faixas = torch.rand(1, 1, 32, 1, generator=gerador).expand(1, 1, 32, 40)
    assert variacao_por_deslocamento(lambda z: z, faixas) == 0.0
    # Identidade: é a norma relativa da diferença entre as duas vistas.
    a, b = deslocar(x)
    assert variacao_por_deslocamento(lambda z: z, x) == pytest.approx(float((a - b).norm() / a.norm()))
    # A média global quase não se mexe; o mapa sem subamostragem mexe bem mais.
    glob = variacao_por_deslocamento(lambda z: z.mean((-2, -1)), x)
    assert glob < 0.05 < variacao_por_deslocamento(lambda z: z, x)


def test_argumentos_invalidos_dizem_a_regra():
    with pytest.raises(TypeError, match="x deve ser um torch.Tensor"):
        media_como_convolucao([[1.0]], 2)
    with pytest.raises(ValueError, match="kernel_size deve ser positivo"):
        media_como_convolucao(torch.zeros(1, 1, 4, 4), 0)
    with pytest.raises(ValueError, match="pixels deve ser menor"):
        deslocar(torch.zeros(3, 3), 3)
    with pytest.raises(ValueError, match="todo zero"):
        variacao_por_deslocamento(lambda z: z, torch.zeros(1, 4, 4))
    with pytest.raises(ValueError, match="formas diferentes"):
        variacao_por_deslocamento(lambda z: z[..., : int(z[0, 0, 0].item() > 0.5) + 1],
                                  torch.tensor([[[0.0, 1.0, 0.0]]]))
