"""Exemplos resolvidos da ementa, relações clássicas e mensagens de erro das fórmulas."""

from __future__ import annotations

import re

import pytest
import torch
from hypothesis import given, settings
import torch.nn.functional as F
from torch import nn

from convaula import output_padding_para, padding_same, tamanho_saida, tamanho_saida_pool, tamanho_saida_transposta
from convaula.formulas import FORMULA_TAMANHO, conta_tamanho_saida, validar_parametros

from .apoio import CONFIGS_1D

X = torch.tensor([5.0, 4, 8, 7, 9, 3, 6]).reshape(1, 1, 7)
W = torch.tensor([1.0, 2, 3]).reshape(1, 1, 3)


# --- Exemplos da ementa: o tamanho previsto e os números que o torch calcula ---------------

@pytest.mark.parametrize("argumentos, esperado", [
    ({}, 5), ({"padding": 1}, 7), ({"stride": 2}, 3), ({"stride": 2, "padding": 1}, 4), ({"dilation": 2}, 3),
])
def test_exemplos_1d_da_ementa(argumentos, esperado):
    """O sinal [5, 4, 8, 7, 9, 3, 6] com o núcleo [1, 2, 3]: o tamanho previsto é o do torch."""
    assert tamanho_saida(7, 3, **argumentos) == esperado == F.conv1d(X, W, **argumentos).shape[-1]


def test_exemplo_2d_dois_canais():
    x, k = torch.zeros(1, 2, 3, 3), torch.zeros(1, 2, 2, 2)
    assert tamanho_saida((3, 3), 2) == (2, 2) == tuple(F.conv2d(x, k).shape[2:])


def test_exemplos_2d_da_ementa():
    assert tamanho_saida((8, 8), 3) == (6, 6)
    assert tamanho_saida((8, 8), 3, padding=1) == (8, 8)
    assert tamanho_saida((8, 8), (5, 3), padding=(2, 1)) == (8, 8)
    assert tamanho_saida((8, 8), 3, stride=2, padding=1) == (4, 4)
    assert tamanho_saida((8, 8), (3, 5), stride=(3, 4), padding=(0, 1)) == (2, 2)
    assert tamanho_saida((5, 5), 2) == (4, 4)  # 3×3 com F.pad de 1 vira 5×5
    n = (240, 240)
    for _ in range(10):
        n = tamanho_saida(n, 5)
    assert n == (200, 200)


def test_exemplo_transposta_5_2_5():
    assert tamanho_saida((5, 5), 3, stride=2) == (2, 2)
    assert tamanho_saida_transposta((2, 2), 3, stride=2) == (5, 5)
    y = nn.ConvTranspose2d(1, 1, 3, stride=2)(torch.zeros(1, 1, 2, 2))
    assert tuple(y.shape[2:]) == (5, 5)


def test_lenet_tamanhos():
    assert tamanho_saida(32, 5) == 28
    assert tamanho_saida_pool(28, 2) == 14
    assert tamanho_saida(14, 5) == 10
    assert tamanho_saida_pool(10, 2) == 5
    assert tamanho_saida(5, 5) == 1
    assert [tamanho_saida(32 - 4 * i, 5) for i in range(3)] == [28, 24, 20]


# --- Relações clássicas (Dumoulin e Visin) -------------------------------------------------

@pytest.mark.parametrize("n, k", [(n, k) for n in (4, 5, 8, 13) for k in (1, 3, 4, 5) if k <= n])
def test_relacoes_classicas(n, k):
    assert tamanho_saida(n, k) == n - k + 1                       # sem padding
    if k % 2 == 1:
        assert tamanho_saida(n, k, padding=k // 2) == n            # meio padding ("same")
    assert tamanho_saida(n, k, padding=k - 1) == n + k - 1         # padding completo
    assert tamanho_saida(n, k, stride=2) == (n - k) // 2 + 1       # com passo
    assert tamanho_saida(n, k, padding="same") == n
    assert tamanho_saida(n, k, padding="valid") == n - k + 1


def test_transposta_inverte_o_tamanho_e_o_caso_impar():
    # Transposta de uma conv sem padding: n' = n + k - 1 (o padding completo).
    assert tamanho_saida_transposta(5, 3) == 7
    # Caso ímpar: conv de 5 e 6 com k=3, s=2 dá 2; a transposta precisa de output_padding.
    assert tamanho_saida(5, 3, stride=2) == tamanho_saida(6, 3, stride=2) == 2
    assert tamanho_saida_transposta(2, 3, stride=2) == 5
    assert tamanho_saida_transposta(2, 3, stride=2, output_padding=1) == 6


def test_resultado_em_tupla_quando_algum_argumento_e_tupla():
    assert tamanho_saida(8, (3, 5)) == (6, 4)
    assert tamanho_saida((8, 9), 3) == (6, 7)
    assert tamanho_saida_pool((7, 7, 7), 2) == (3, 3, 3)
    assert isinstance(tamanho_saida(8, 3), int)


def test_pool_ceil_mode_descarta_janela_no_padding():
    assert tamanho_saida_pool(5, 2) == 2
    assert tamanho_saida_pool(5, 2, ceil_mode=True) == 3
    # Janela que começaria dentro do padding da direita: o PyTorch a descarta.
    assert tamanho_saida_pool(6, 2, stride=2, padding=1, ceil_mode=True) == 4
    y = nn.MaxPool1d(2, stride=2, padding=1, ceil_mode=True)(torch.zeros(1, 1, 6))
    assert y.shape[-1] == 4


# --- Padding "same" e campo receptivo ------------------------------------------------------

def test_padding_same():
    assert padding_same(3) == (1, 1)
    assert padding_same(4) == (1, 2)
    assert padding_same(3, dilation=2) == (2, 2)
    assert padding_same((3, 4)) == ((1, 1), (1, 2))
    for k in range(1, 8):
        antes, depois = padding_same(k)
        x = F.pad(torch.ones(1, 1, 9), (antes, depois))
        assert F.conv1d(x, torch.ones(1, 1, k)).shape[-1] == 9


# --- Erros: tipo errado e configurações recusadas ------------------------------------------

@pytest.mark.parametrize("chamada, parametro", [
    (lambda: tamanho_saida(0, 3), "n=0"),
    (lambda: tamanho_saida(7, 0), "kernel_size=0"),
    (lambda: tamanho_saida(7, 3, stride=0), "stride=0"),
    (lambda: tamanho_saida(7, 3, padding=-1), "padding=-1"),
    (lambda: tamanho_saida(7, 3, dilation=0), "dilation=0"),
    (lambda: tamanho_saida(2, 3), "kernel_size=3"),
    (lambda: tamanho_saida(7, 3, dilation=4), "dilation=4"),
    (lambda: tamanho_saida((8, 8), (3, 9)), "kernel_size[1]=9"),
    (lambda: tamanho_saida(8, 3, stride=2, padding="same"), "stride=2"),
    (lambda: tamanho_saida(8, 3, padding="cheio"), "padding='cheio'"),
    (lambda: tamanho_saida((8, 8), (3, 3, 3)), "kernel_size"),
    (lambda: tamanho_saida_transposta(3, 3, stride=2, output_padding=2), "output_padding=2"),
    (lambda: tamanho_saida_transposta(3, 3, output_padding=1), "output_padding=1"),
    (lambda: tamanho_saida_transposta(1, 1, padding=1), "padding=1"),
    (lambda: tamanho_saida_transposta(3, 3, padding="same"), "padding='same'"),
    (lambda: tamanho_saida_pool(8, 3, padding=2), "padding=2"),
    (lambda: tamanho_saida_pool(2, 3), "kernel_size=3"),
    (lambda: tamanho_saida_pool(8, 2, stride=0), "stride=0"),
])
def test_recusas_dizem_o_parametro_e_o_valor(chamada, parametro):
    with pytest.raises(ValueError) as erro:
        chamada()
    assert parametro in str(erro.value)


@pytest.mark.parametrize("chamada, parametro", [
    (lambda: tamanho_saida(7.0, 3), "n=7.0"),
    (lambda: tamanho_saida(7, "3"), "kernel_size='3'"),
    (lambda: tamanho_saida(7, 3, stride=True), "stride=True"),
    (lambda: tamanho_saida((7, 7.5), 3), "n[1]=7.5"),
    (lambda: tamanho_saida_pool(7, 2, ceil_mode=1), "ceil_mode=1"),
])
def test_tipos_errados_levantam_type_error(chamada, parametro):
    with pytest.raises(TypeError) as erro:
        chamada()
    assert parametro in str(erro.value)


def test_mensagem_diz_a_regra_em_portugues():
    with pytest.raises(ValueError, match=r"menor que stride ou que dilation"):
        tamanho_saida_transposta(4, 3, stride=2, output_padding=2)
    with pytest.raises(ValueError, match=r"metade de kernel_size"):
        tamanho_saida_pool(8, 2, padding=2)
    with pytest.raises(ValueError, match=r"aumente n ou padding"):
        tamanho_saida(2, 5)


@pytest.mark.parametrize("argumentos, dims", [
    ({"kernel_size": 3}, 1), ({"kernel_size": (3, 5), "stride": 2}, 2),
    ({"kernel_size": 4, "padding": "same"}, 1), ({"kernel_size": 3, "stride": 2, "output_padding": 1}, 1),
    ({"kernel_size": (3, 3, 3), "dilation": (1, 2, 3)}, 3),
])
def test_validar_parametros_aceita_e_conta_dimensoes(argumentos, dims):
    assert validar_parametros(**argumentos) == dims


@pytest.mark.parametrize("argumentos, parametro", [
    ({"kernel_size": 0}, "kernel_size=0"), ({"kernel_size": 3, "stride": 0}, "stride=0"),
    ({"kernel_size": 3, "padding": -1}, "padding=-1"), ({"kernel_size": 3, "dilation": 0}, "dilation=0"),
    ({"kernel_size": 3, "stride": 2, "padding": "same"}, "stride=2"),
    ({"kernel_size": 3, "stride": 2, "output_padding": 2}, "output_padding=2"),
    ({"kernel_size": (3, 3), "stride": (1, 2, 3)}, "stride"),
])
def test_validar_parametros_recusa_como_tamanho_saida(argumentos, parametro):
    with pytest.raises(ValueError, match=re.escape(parametro)):
        validar_parametros(**argumentos)
    if "output_padding" not in argumentos:  # mesma regra, mesma mensagem que tamanho_saida
        with pytest.raises(ValueError, match=re.escape(parametro)):
            tamanho_saida(50, **argumentos)


# --- Propriedades sorteadas pelo hypothesis (derandomizado: a mesma sequência sempre) -------

@settings(derandomize=True, max_examples=300, deadline=None)
@given(CONFIGS_1D)
def test_transposta_com_output_padding_restaura_n(c):
    n, k, s, p, d = c
    saida = tamanho_saida(n, k, s, p, d)
    op = output_padding_para(n, k, s, p, d)
    assert 0 <= op < s
    assert tamanho_saida_transposta(saida, k, s, p, op, d) == n


@settings(derandomize=True, max_examples=300, deadline=None)
@given(CONFIGS_1D)
def test_saida_cresce_com_n_e_diminui_com_s(c):
    n, k, s, p, d = c
    assert tamanho_saida(n + 1, k, s, p, d) >= tamanho_saida(n, k, s, p, d)
    assert tamanho_saida(n, k, s + 1, p, d) <= tamanho_saida(n, k, s, p, d)


# --- A conta escrita (dicas, soluções): avaliada, dá o tamanho que o torch calcula ----------

def _avaliar_conta(conta: str) -> int:
    """Avalia ``⌊(a) / s⌋ + 1`` escrito com os símbolos do curso (·, −, ⌊⌋) como inteiros."""
    python = (conta.replace("⌊", "(").replace("⌋", ")").replace("·", "*").replace("−", "-")
              .replace(" / ", " // "))
    assert re.fullmatch(r"[0-9 ()*+/-]+", python), conta
    return eval(python)  # noqa: S307 (só dígitos e operadores, conferido acima)


@settings(max_examples=60, deadline=None)
@given(CONFIGS_1D)
def test_conta_tamanho_saida_avaliada_da_o_tamanho_do_torch(config):
    n, k, s, p, d = config
    real = F.conv1d(torch.zeros(1, 1, n), torch.zeros(1, 1, k), stride=s, padding=p, dilation=d).shape[-1]
    assert _avaliar_conta(conta_tamanho_saida(n, k, s, p, d)) == real
    if d == 1:  # a forma sem dilatação é a mesma conta
        assert _avaliar_conta(conta_tamanho_saida(n, k, s, p, dilation=None)) == real


def test_conta_tamanho_saida_escreve_os_numeros_e_recusa_o_que_nao_e_inteiro():
    assert FORMULA_TAMANHO == "n_out = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1"
    assert conta_tamanho_saida(8, 3, 2, 1) == "⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1"
    assert conta_tamanho_saida(7, 3, 2, 1, dilation=None) == "⌊(7 + 2·1 − 3) / 2⌋ + 1"
    with pytest.raises(TypeError, match="stride deve ser um inteiro"):
        conta_tamanho_saida(8, 3, 2.0)
