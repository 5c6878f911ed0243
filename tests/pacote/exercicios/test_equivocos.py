"""A biblioteca de equívocos: cada valor errado é a fórmula errada, e só quando se aplica."""

import math

import pytest
import torch
import torch.nn as nn

from convaula.exercicios import equivocos as eq, prontas
from convaula.formulas import tamanho_saida, tamanho_saida_transposta
from convaula.receptivo import campos_receptivos

CONFIGS = [(7, 3, 2, 1, 1), (8, 3, 3, 0, 1), (10, 3, 1, 2, 2), (224, 7, 2, 3, 1), (9, 2, 2, 1, 3)]


@pytest.mark.parametrize("n,k,s,p,d", CONFIGS)
def test_equivocos_de_tamanho(n, k, s, p, d):
    certo = tamanho_saida(n, k, s, p, d)
    assert eq.sem_mais_um(n, k, s, p, d).valor == certo - 1
    teto = eq.teto_no_lugar_do_piso(n, k, s, p, d).valor
    assert teto == math.ceil((n + 2 * p - d * (k - 1) - 1) / s) + 1 >= certo
    assert (eq.dilatacao_ignorada(n, k, s, p, d) is None) == (d == 1)
    assert (eq.passo_ignorado(n, k, s, p, d) is None) == (s == 1)
    if s > 1:
        assert eq.passo_ignorado(n, k, s, p, d).valor == tamanho_saida(n, k, 1, p, d)
    if p >= 1:
        assert eq.p_e_s_trocados(n, k, s, p, d).valor == tamanho_saida(n, k, p, s, d)


def test_transposta_contra_o_torch():
    n, k, s, p, op = 4, 3, 2, 1, 1
    saida = nn.ConvTranspose1d(1, 1, k, s, p, op)(torch.zeros(1, 1, n)).shape[-1]
    assert tamanho_saida_transposta(n, k, s, p, op) == saida
    assert eq.output_padding_esquecido(n, k, s, p, op).valor == saida - 1
    assert eq.transposta_n_vezes_s(n, k, s, p, op).valor == saida + s
    assert eq.formula_da_conv_na_transposta(n, k, s, p, op).valor == tamanho_saida(n, k, s, p)


def test_pesos_parametros_e_flops_contra_o_torch():
    conv = nn.Conv2d(6, 4, (3, 5), groups=2)
    q = prontas.forma_pesos("99", "q1", "forma", 6, 4, (3, 5), groups=2)
    assert q.resposta == tuple(conv.weight.shape)
    assert {e.codigo: e.valor for e in q.equivocos} == {"pesos_cin_cout": (3, 4, 3, 5),
                                                        "pesos_sem_grupos": (4, 6, 3, 5)}
    total = sum(t.numel() for t in conv.parameters())
    q = prontas.numero_parametros("99", "q2", "parâmetros", 6, 4, (3, 5), groups=2)
    assert q.resposta == total
    assert q.equivocos[0].valor == conv.weight.numel()
    assert eq.flops_vs_multiplicacoes(100, pede_flops=True).valor == 100
    assert eq.flops_vs_multiplicacoes(100, pede_flops=False).valor == 200


def test_grupos_que_nao_dividem_sao_recusados_pelo_torch():
    e = eq.grupos_nao_dividem(6, 9)
    assert e.predicado(e.valor) and not e.predicado(3) and e.predicado(2)
    with pytest.raises(ValueError):
        nn.Conv2d(6, 9, 3, groups=e.valor)


def test_campo_receptivo():
    camadas = [(3, 2, 1), (3, 2, 1), (3, 1, 2)]
    certo = campos_receptivos(camadas)[-1].campo
    assert eq.campo_sem_espacamento(camadas).valor == 1 + 2 + 2 + 4 != certo
    assert eq.campo_dilatacao_ignorada(camadas).valor == campos_receptivos(
        [(3, 2, 1), (3, 2, 1), (3, 1, 1)])[-1].campo
    assert eq.campo_soma_dos_nucleos(camadas).valor == 9
    assert eq.campo_sem_espacamento([(3, 1, 1)] * 3) is None  # sem passo, nada a esquecer


def test_filtrar_tira_repetidos_e_a_resposta():
    q = prontas.tamanho_conv("99", "q1", "n", 7, 3, stride=2, padding=1)
    codigos = [e.codigo for e in q.equivocos]
    # teto = 4 = resposta (sai); padding de um lado só = 3 = sem +1: os dois, juntos
    assert codigos == ["sem_mais_um/padding_de_um_lado", "p_e_s_trocados", "passo_ignorado"]
    juntos = q.conferir(3)
    assert juntos.equivoco == "sem_mais_um/padding_de_um_lado"
    assert "+1" in juntos.mensagem and "2p no total" in juntos.mensagem
