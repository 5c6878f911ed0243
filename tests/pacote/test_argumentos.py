"""A regra única das exceções de ``convaula._argumentos``: tipo errado → ``TypeError``;
tipo certo fora da regra → ``ValueError``; e as funções públicas do núcleo seguem a regra."""

from __future__ import annotations

import pytest
import torch
from torch import nn

import convaula
from convaula import _argumentos as a
from convaula import autocodificador, reais, separaveis, transposta


@pytest.mark.parametrize("conferencia, valor", [
    (lambda v: a.inteiro("n", v), 2.5), (lambda v: a.inteiro("n", v), True), (lambda v: a.inteiro("n", v), "3"),
    (lambda v: a.numero("tol", v), "0.1"), (lambda v: a.numero("tol", v), False),
    (lambda v: a.booleano("bias", v), 1), (lambda v: a.texto("nome", v), 3),
    (lambda v: a.modulo("modulo", v), torch.ones(2)), (lambda v: a.tensor("x", v), [1.0]),
    (lambda v: a.par("stride", v), 1.5), (lambda v: a.tupla("deslocamento", v), (1, "2")),
    (lambda v: a.unico("k", v), (3.0, 3.0)),
])
def test_tipo_errado_e_type_error(conferencia, valor):
    with pytest.raises(TypeError, match="deve ser"):
        conferencia(valor)


@pytest.mark.parametrize("conferencia, valor, trecho", [
    (lambda v: a.inteiro("n", v, minimo=1), 0, "n deve ser >= 1, mas recebeu n=0"),
    (lambda v: a.inteiro("n", v, maximo=3), 4, "n deve ser <= 3, mas recebeu n=4"),
    (lambda v: a.inteiro("i", v, minimo=0, maximo=7), 8, "i deve estar entre 0 e 7, mas recebeu i=8"),
    (lambda v: a.numero("tol", v, minimo=0), -0.5, "tol deve ser >= 0"),
    (lambda v: a.numero("tol", v), float("nan"), "tol deve ser um número"),
    (lambda v: a.texto("modo", v, ("a", "b")), "c", r"modo deve ser um de \('a', 'b'\)"),
    (lambda v: a.tensor("x", v, 3, 4), torch.ones(2), "x deve ter de 3 a 4 dimensões"),
    (lambda v: a.tensor("x", v, 2, 2, forma="(H, W)"), torch.ones(1), r"a forma \(H, W\) \(2 dimensões\)"),
    (lambda v: a.par("stride", v), (1, 2, 3), "stride deve ter 2 valor"),
    (lambda v: a.tupla("d", v), (), "d não pode ser uma tupla vazia"),
    (lambda v: a.unico("k", v, "meça cada eixo"), (3, 5), r"k=\(3, 5\) difere entre dimensões; meça cada eixo"),
])
def test_tipo_certo_fora_da_regra_e_value_error(conferencia, valor, trecho):
    with pytest.raises(ValueError, match=trecho):
        conferencia(valor)


def test_valores_validos_voltam_normalizados():
    assert a.inteiro("n", torch.tensor(3).item()) == 3 and type(a.inteiro("n", True + 2)) is int
    assert a.numero("tol", 1) == 1.0 and isinstance(a.numero("tol", 1), float)
    assert a.par("stride", 2) == (2, 2) and a.par("stride", [1, 3]) == (1, 3)
    assert a.tupla("d", 2) == (2,) and a.tupla("d", torch.Size([1, 2])) == (1, 2)
    assert a.unico("k", (3, 3)) == 3 and a.unico("k", 5) == 5
    assert a.texto("modo", "a", ("a", "b")) == "a"
    conv = nn.Conv2d(1, 1, 1)
    assert a.modulo("m", conv) is conv


def test_a_dica_da_tupla_so_onde_uma_tupla_serve():
    with pytest.raises(TypeError, match=r"stride deve ser um inteiro \(ou uma tupla de inteiros\)"):
        a.por_dimensao("stride", 1.5, 2)
    with pytest.raises(TypeError) as erro:
        a.inteiro("semente", 1.5)
    assert "tupla" not in str(erro.value)


@pytest.mark.parametrize("chamada, erro", [
    (lambda: convaula.preparar(semente=2.5), TypeError),
    (lambda: convaula.preparar(semente=-1), ValueError),
    (lambda: reais.foto(tamanho=64.0), TypeError),
    (lambda: reais.foto(tamanho=4), ValueError),
    (lambda: reais.foto(cinza=1), TypeError),
    (lambda: separaveis.posto(torch.eye(3), tol="1e-3"), TypeError),
    (lambda: separaveis.posto(torch.eye(3), tol=-1), ValueError),
    (lambda: transposta.intensidade_xadrez(torch.ones(4, 4), stride=2.0), TypeError),
    (lambda: transposta.intensidade_xadrez(torch.ones(4, 4), stride=1), ValueError),
    (lambda: autocodificador.CodificadorDecodificador(largura=2.5), TypeError),
    (lambda: autocodificador.CodificadorDecodificador(aumento=2), TypeError),
    (lambda: autocodificador.CodificadorDecodificador(aumento="bilinear"), ValueError),
])
def test_funcoes_do_nucleo_seguem_a_regra(chamada, erro):
    """Antes, ``preparar(semente=2.5)`` e ``foto(tamanho=64.0)`` eram ``ValueError``."""
    with pytest.raises(erro):
        chamada()
