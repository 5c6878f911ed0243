"""A regra de índices da janela contra o PyTorch: as células que ``indices_janela`` diz que a
janela lê são as que ``F.unfold`` lê; ``posicao_lida`` em tensores dá as colunas não nulas de
cada linha da matriz da convolução; ``espalhar`` é ``F.conv_transpose2d`` sem corte."""

import itertools

import pytest
import torch
import torch.nn.functional as F

from convaula.janela import indices_janela, posicao_lida
from convaula.matriz import matriz_conv1d
from convaula.transposta import espalhar


@pytest.mark.parametrize("s,p,d,k", list(itertools.product((1, 2, 3), (0, 1, 2), (1, 2), ((2, 3), (3, 1)))))
def test_indices_janela_leem_o_que_o_unfold_le(s, p, d, k):
    x = torch.arange(7 * 8, dtype=torch.float64).reshape(7, 8) + 1
    colunas = F.unfold(x[None, None], k, dilation=d, padding=p, stride=s)[0]
    h_out = (7 + 2 * p - d * (k[0] - 1) - 1) // s + 1
    w_out = colunas.shape[1] // h_out
    for t in range(colunas.shape[1]):
        celulas = indices_janela(divmod(t, w_out), k, (s, s), (d, d), padding=(p, p))
        lidos = [x[r, c] if 0 <= r < 7 and 0 <= c < 8 else 0.0 for r, c in celulas]
        assert torch.tensor(lidos, dtype=torch.float64).equal(colunas[:, t])


def test_posicao_lida_em_tensores_da_a_matriz_de_banda():
    n, k, s, p, d = 9, 3, 2, 1, 2
    m = matriz_conv1d(torch.ones(k), n, s, p, d)
    pos = posicao_lida(torch.arange(m.shape[0])[:, None], torch.arange(k)[None, :], s, p, d)
    for linha, posicoes in zip(m, pos):
        assert set(torch.nonzero(linha).flatten().tolist()) == {i for i in posicoes.tolist() if 0 <= i < n}


def test_indices_janela_confere_dimensoes():
    with pytest.raises(ValueError, match="stride deve ter 2 valor"):
        indices_janela((0, 0), (3, 3), (1,), (1, 1))


@pytest.mark.parametrize("s,d", [(1, 1), (2, 1), (3, 2), ((2, 1), (1, 2))])
def test_espalhar_e_a_transposta_sem_corte(s, d):
    gerador = torch.Generator().manual_seed(0)
    x, w = torch.randn(3, 4, generator=gerador, dtype=torch.float64), torch.randn(2, 3, generator=gerador,
                                                                                   dtype=torch.float64)
    esperado = F.conv_transpose2d(x[None, None], w[None, None], stride=s, dilation=d)[0, 0]
    assert torch.allclose(espalhar(x, w, s, d), esperado)
