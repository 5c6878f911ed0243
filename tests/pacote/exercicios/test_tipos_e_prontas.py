"""Tipos de resposta sem pergunta registrada ainda (Real, Alternativa) e os construtores prontos."""

import random

import pytest
import torch
import torch.nn as nn

from convaula.exercicios import Alternativa, Equivoco, Pergunta, Real, Tensor, prontas
from convaula.exercicios.tipos import RespostaInvalida


def test_real_com_tolerancia():
    q = Pergunta("99", "q1", "razão", Real(rtol=1e-2), 2 / 3,
                 [Equivoco("inverso", "Inverteu a razão.", 1.5)], dica="d", solucao="s")
    assert q.conferir(0.667).correta and q.conferir(torch.tensor(0.6666)).correta
    assert q.conferir(1.5).equivoco == "inverso"
    assert q.conferir(0.7).situacao == "errada" and "acima" in q.conferir(0.7).mensagem
    assert q.conferir(float("inf")).situacao == "invalida"
    assert all(not q.conferir(x).correta for x in Real(1e-2).erradas(2 / 3, random.Random(0), 30))


def test_alternativa():
    q = Pergunta("99", "q2", "muda?", Alternativa("sim", "não"), "não", dica="d", solucao="s")
    assert q.conferir(" NÃO ").correta and q.conferir("sim").situacao == "errada"
    assert "'sim', 'não'" in q.conferir("talvez").mensagem
    assert q.conferir(False).situacao == "invalida"


def test_tensor_aceita_listas_e_recusa_texto():
    tipo = Tensor()
    assert tipo.igual(tipo.normalizar([1, 2]), tipo.normalizar(torch.tensor([1.0, 2.0])))
    for ruim in ("1, 2", [[1], [2, 3]], [True, False]):
        with pytest.raises(RespostaInvalida):
            tipo.normalizar(ruim)


CONSTRUIDAS = [
    prontas.tamanho_transposta("99", "t1", "transposta", 4, 3, stride=2, padding=1, output_padding=1),
    prontas.tamanho_transposta("99", "t2", "transposta", 5, 4, stride=3, padding=0, dilation=2),
    prontas.tamanho_pool("99", "p1", "pool", 28, 2),
    prontas.tamanho_pool("99", "p2", "pool", 7, 3, stride=2, padding=1, ceil_mode=True),
    prontas.forma_pesos("99", "w1", "pesos", 6, 4, 3, groups=2),
    prontas.numero_parametros("99", "n1", "parâmetros", 3, 8, (3, 5)),
    prontas.tamanho_conv("99", "c1", "conv", 20, 3, stride=3, padding=2, dilation=2),
]
ESPERADO_TORCH = [
    lambda: nn.ConvTranspose1d(1, 1, 3, 2, 1, 1)(torch.zeros(1, 1, 4)).shape[-1],
    lambda: nn.ConvTranspose1d(1, 1, 4, 3, 0, dilation=2)(torch.zeros(1, 1, 5)).shape[-1],
    lambda: nn.MaxPool1d(2)(torch.zeros(1, 1, 28)).shape[-1],
    lambda: nn.MaxPool1d(3, 2, 1, ceil_mode=True)(torch.zeros(1, 1, 7)).shape[-1],
    lambda: tuple(nn.Conv2d(6, 4, 3, groups=2).weight.shape),
    lambda: sum(p.numel() for p in nn.Conv2d(3, 8, (3, 5)).parameters()),
    lambda: nn.Conv1d(1, 1, 3, 3, 2, 2)(torch.zeros(1, 1, 20)).shape[-1],
]


@pytest.mark.parametrize("q,torch_diz", list(zip(CONSTRUIDAS, ESPERADO_TORCH)), ids=[q.id for q in CONSTRUIDAS])
def test_construtores_contra_o_torch_e_equivocos_distintos(q, torch_diz):
    assert q.resposta == torch_diz()
    assert q.conferir(q.resposta).correta and q.equivocos
    for eq in q.equivocos:
        assert q.conferir(eq.valor).equivoco == eq.codigo
    erradas = q.tipo.erradas(q.resposta, random.Random(1), 25)
    assert not any(q.conferir(x).correta for x in erradas)
