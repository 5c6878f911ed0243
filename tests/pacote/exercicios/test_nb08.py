"""Os conferidores do notebook 08 que dependem de um treino: ex3 e ex4 conferem a conta que o
aluno fez com as próprias acurácias, e cada erro típico tem o seu diagnóstico."""

import statistics

import pytest
import torch

from convaula.exercicios import nb08
from convaula.lenet import modelos
from convaula.contagem import contar_parametros

# Acurácias como as de um treino (três sementes de cada receita); não são resultados gravados.
A, B = [0.846, 0.851, 0.839], [0.802, 0.794, 0.811]


def _razao(a, b, desvio=statistics.stdev, escolher=max):
    return abs(statistics.mean(a) - statistics.mean(b)) / escolher(desvio(a), desvio(b))


@pytest.mark.parametrize("q", [nb08.ex3, nb08.ex4], ids=["ex3", "ex4"])
def test_a_conta_do_aluno_com_os_numeros_dele(q):
    assert q.conferir((A, B, _razao(A, B))).correta
    assert q.conferir((B, A, _razao(A, B))).correta            # a ordem das receitas não importa
    assert q.conferir((A, B, torch.tensor(_razao(A, B)))).correta
    assert q.conferir((A + [0.85], B, _razao(A + [0.85], B))).correta   # mais sementes valem
    assert not q.conferir((A, B, 1.3 * _razao(A, B))).correta
    # a razão certa para outras listas não serve para estas
    assert not q.conferir((A, B, _razao([0.9, 0.8, 0.7], B))).correta


@pytest.mark.parametrize("q", [nb08.ex3, nb08.ex4], ids=["ex3", "ex4"])
@pytest.mark.parametrize("codigo, razao", [
    ("sem_dividir", abs(statistics.mean(A) - statistics.mean(B))),
    ("menor_desvio", _razao(A, B, escolher=min)),
    ("desvio_populacional", _razao(A, B, desvio=statistics.pstdev)),
])
def test_cada_erro_tipico_tem_o_seu_diagnostico(q, codigo, razao):
    resultado = q.conferir((A, B, razao))
    assert resultado.situacao == "equivoco" and resultado.equivoco == codigo, resultado.mensagem


@pytest.mark.parametrize("resposta, trecho", [
    (([0.8, 0.8, 0.8], B, 1.0), "todas iguais"),
    (([0.8, 0.9], B, 1.0), "pelo menos 3"),
    (([80, 85, 90], B, 1.0), "entre 0 e 1"),
    ((A, B), "acuracias_a, acuracias_b, razao"),
    ((A, B, "alta"), "número"),
])
def test_respostas_malformadas_dizem_o_que_falta(resposta, trecho):
    resultado = nb08.ex3.conferir(resposta)
    assert resultado.situacao == "invalida" and trecho in resultado.mensagem, resultado.mensagem


def test_contagem_da_normalizacao_em_lote_bate_com_a_rede():
    rede = modelos.LeNet5(ativacao="relu", pooling="max", batch_norm=True)
    camadas = [rede.bn1, rede.bn3, rede.bn6]
    assert nb08.PARAMETROS_BN == contar_parametros(rede) - contar_parametros(modelos.LeNet5())
    assert nb08.MOVEIS_BN == sum(c.running_mean.numel() + c.running_var.numel() for c in camadas)


def test_q3_e_o_campo_de_s4():
    assert nb08.q3.conferir(16).correta and not nb08.q3.conferir(14).correta
