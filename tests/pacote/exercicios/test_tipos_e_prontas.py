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


def test_formas_equivalentes_sao_aceitas():
    import numpy as np

    from convaula.exercicios import Inteiro, Tupla

    t = Tensor()
    ref = t.normalizar([1.0, 2.0, 3.0, 4.0])
    assert t.igual(t.normalizar(torch.tensor([[[1.0, 2.0, 3.0, 4.0]]])), ref)
    assert t.igual(t.normalizar(np.arange(1, 5).reshape(4, 1)), ref)
    assert not t.igual(t.normalizar(torch.arange(1.0, 5.0).reshape(2, 2)), ref)
    q = Pergunta("99", "q3", "i", Inteiro(), 7, dica="d", solucao="s")
    for certa in (7, 7.0, torch.tensor(7.0), torch.tensor([[7]]), np.int64(7), np.array(7.0)):
        assert q.conferir(certa).correta, certa
    assert Tupla(2).normalizar(torch.tensor([3, 4])) == (3, 4)
    assert Tupla(2).normalizar(np.array([3.0, 4.0])) == (3, 4)


def test_alternativa_sem_acentos_nfc_nfd():
    import unicodedata

    q = Pergunta("99", "q4", "?", Alternativa("sim", "não"), "não", dica="d", solucao="s")
    for forma in ("nao", "NAO", unicodedata.normalize("NFD", "não"),
                  unicodedata.normalize("NFC", " Não ")):
        assert q.conferir(forma).correta, forma


def test_tolerancias_aparecem_nas_mensagens():
    t = Pergunta("99", "q5", "t", Tensor(rtol=1e-4, atol=1e-3), [1.0, 2.0], dica="d", solucao="s")
    assert "1e-3" in t.conferir([1.0, 2.5]).mensagem.replace("0.001", "1e-3")
    r = Pergunta("99", "q6", "r", Real(rtol=1e-2), 2.0, dica="d", solucao="s")
    assert "relativa 0.01" in r.conferir(3.0).mensagem


def test_mensagens_de_tupla_leem_naturalmente():
    from convaula.exercicios import Tupla

    q = Pergunta("99", "q7", "t", Tupla(3), (1, 2, 3), dica="d", solucao="s")
    assert "Só a 1ª posição da tupla está certa" in q.conferir((1, 0, 0)).mensagem
    assert "a 1ª e 3ª posições" in q.conferir((1, 0, 3)).mensagem
    assert "Nenhuma posição" in q.conferir((0, 0, 0)).mensagem
    assert "Posições certas: 0" not in q.conferir((1, 0, 0)).mensagem


def test_nb03_diagnosticos():
    from convaula.exercicios import nb03

    for q in (nb03.q1, nb03.ex1):
        errado = q.resposta - 1  # sem o +1 = preenchimento de um lado só
        r = q.conferir(errado)
        assert r.equivoco == "sem_mais_um/padding_de_um_lado", r
        assert "Dois raciocínios" in r.mensagem
    r = nb03.ex1.conferir(16.5)  # (32 + 4 − 4 − 1)/2 + 1 sem o piso
    assert r.equivoco == "sem_piso" and "piso" in r.mensagem
    r = nb03.ex4.conferir((0, 5))
    assert r.situacao == "errada" and "está certo" in r.mensagem and "precisa ser 5" not in r.mensagem
    assert "1 zero antes" in nb03.ex4.conferir((1, 1)).mensagem


def test_codigo_com_classe_e_funcao_de_aridade_errada():
    from convaula.exercicios import nb01

    r = nb01.ex6.conferir(int)
    assert "a classe int" in r.mensagem and "recebeu uma função" not in r.mensagem
    r = nb01.ex6.conferir(lambda x: x)
    assert r.situacao == "invalida" and "3 argumentos" in r.mensagem


def test_prontas_usam_o_portao_e_a_conta_de_formulas():
    from convaula.formulas import conta_tamanho_saida

    q = prontas.tamanho_conv("99", "c2", "conv", (7, 8), 3, stride=(2, 1), padding=1)
    assert q.resposta == tuple(nn.Conv2d(1, 1, 3, (2, 1), 1)(torch.zeros(1, 1, 7, 8)).shape[-2:])
    assert f"{conta_tamanho_saida(7, 3, 2, 1)} = 4; {conta_tamanho_saida(8, 3, 1, 1)} = 8" in q._solucao
    # kernel_size e os tamanhos passam por convaula._argumentos (par, expandir): a regra de sempre
    with pytest.raises(ValueError, match=r"kernel_size deve ter 2 valor\(es\)"):
        prontas.forma_pesos("99", "w2", "pesos", 6, 4, (3, 5, 1))
    with pytest.raises(TypeError, match="kernel_size deve ser um inteiro"):
        prontas.numero_parametros("99", "n2", "parâmetros", 3, 8, 2.5)
    with pytest.raises(ValueError, match="stride tem 3 dimensões, mas n tem 2"):
        prontas.tamanho_conv("99", "c3", "conv", (7, 8), 3, stride=(1, 1, 1))
